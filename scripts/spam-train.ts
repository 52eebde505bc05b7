/**
 * npm run spam:train — trains the starting spam model and writes src/comments/spam/model.json.
 * It learns from the SpamAssassin e-mails and, when ../shared/fixtures/youtube-spam is there,
 * from both YouTube comment splits. Sites then keep learning from their moderators.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { encodeModel, MODEL_FILE } from '../src/comments/spam/model-file.js';
import { COMMENT_WEIGHT, examplesOf, loadCorpora, trainModel } from '../src/comments/spam/training.js';

// Weights smaller than this barely move a score; dropping them keeps the file to a few hundred KB.
const MIN_WEIGHT = Number(process.env.SPAM_MIN_WEIGHT ?? 0.08);

const started = Date.now();
const { mail, commentsTrain, commentsValidation } = loadCorpora();
const comments = [...(commentsTrain ?? []), ...(commentsValidation ?? [])];
if (!commentsTrain) console.error('note: ../shared/fixtures/youtube-spam is absent; training on e-mail only');
const model = trainModel([...examplesOf(mail), ...examplesOf(comments, COMMENT_WEIGHT)]);
const trainedOn = `SpamAssassin public corpus (${mail.length} e-mails)${comments.length ? ` + YouTube Spam Collection (${comments.length} comments)` : ''}`;
const file = encodeModel(model, trainedOn, MIN_WEIGHT);
const json = JSON.stringify(file);
writeFileSync(MODEL_FILE, `${json}\n`);
console.log(
  `wrote ${fileURLToPath(MODEL_FILE)}: ${file.features.length} features, ${(json.length / 1024).toFixed(0)} KB, in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
