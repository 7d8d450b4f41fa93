// ROC AUC for two classes: the probability that a random positive sample scores above a random
// negative one, ties counting one half (the Mann-Whitney U statistic over mid-ranks), which is
// the area under the trapezoidal ROC curve that scikit-learn's roc_auc_score computes with tied
// scores. Undefined (null) when the actual labels hold only one class, where scikit-learn raises.

/** actual: 0/1 labels; scores: the score (probability) of class 1 for each sample. */
export function rocAuc(actual: readonly number[], scores: readonly number[]): number | null {
  if (actual.length !== scores.length) throw new RangeError(`actual and scores must have the same length, got ${actual.length} and ${scores.length}`);
  for (const a of actual) if (a !== 0 && a !== 1) throw new RangeError(`ROC AUC takes 0/1 labels, got ${a}`);
  for (const s of scores) if (Number.isNaN(s)) throw new RangeError('ROC AUC scores must be numbers, got NaN');
  const positives = actual.filter((a) => a === 1).length;
  const negatives = actual.length - positives;
  if (positives === 0 || negatives === 0) return null;
  const order = scores.map((_, i) => i).sort((i, j) => scores[i]! - scores[j]!);
  // Sum of the mid-ranks (1-based) of the positives.
  let positiveRanks = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && scores[order[end + 1]!] === scores[order[start]!]) end++;
    const midRank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) if (actual[order[k]!] === 1) positiveRanks += midRank;
    start = end + 1;
  }
  return (positiveRanks - (positives * (positives + 1)) / 2) / (positives * negatives);
}
