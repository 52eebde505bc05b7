/**
 * npm run spam:train — trains the starting spam model and writes src/comments/spam/model.json:
 * the SpamAssassin e-mails and the YouTube training split (each text once). The validation
 * split is never trained on: `npm run spam:eval` scores this file on it.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { encodeModel, MODEL_FILE } from '../src/comments/spam/model-file.js';
import { loadCorpora, MIN_WEIGHT, trainShippedModel } from '../src/comments/spam/training.js';

const started = Date.now();
const corpora = loadCorpora();
const file = encodeModel(
  trainShippedModel(corpora),
  `SpamAssassin public corpus (${corpora.mail.length} e-mails) + YouTube Spam Collection training split (${corpora.train.length} distinct comments)`,
  MIN_WEIGHT,
);
const json = JSON.stringify(file);
writeFileSync(MODEL_FILE, `${json}\n`);
console.log(`wrote ${fileURLToPath(MODEL_FILE)}: ${file.features.length} features, ${(json.length / 1024).toFixed(0)} KB, in ${((Date.now() - started) / 1000).toFixed(1)} s`);
