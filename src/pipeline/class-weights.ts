// `--class-weight balanced`: each class weighs n / (classes · n_c) (scikit-learn's "balanced"
// heuristic), so every class contributes the same total to the loss however rare it is; each
// training target then carries its class's weight into the loss.

/** The balanced weight of each class from the training labels (class indices); every class must occur. */
export function balancedClassWeights(labels: ArrayLike<number>, classes: number): number[] {
  const counts = Array<number>(classes).fill(0);
  for (let i = 0; i < labels.length; i++) counts[labels[i]!]!++;
  counts.forEach((count, c) => {
    if (count === 0) throw new RangeError(`class ${c} has no training labels, so it has no balanced weight`);
  });
  return counts.map((count) => labels.length / (classes * count));
}

/** The weight of each target (one per sample, or per step), from its class. */
export function targetWeights(labels: ArrayLike<number>, classWeights: readonly number[]): Float32Array {
  return Float32Array.from({ length: labels.length }, (_, i) => classWeights[labels[i]!]!);
}
