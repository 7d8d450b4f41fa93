// What happens after an epoch's validation loss: is it the best so far, is it time to stop,
// is it time to lower the learning rate. Pure bookkeeping, so the rules are tested on their own
// and every engine follows them identically.

export interface EarlyStopping {
  /** Stop after this many epochs in a row without a new best validation loss. */
  patience: number;
}

export interface LrPlateau {
  /** The learning rate is multiplied by this (0 < factor < 1)... */
  factor: number;
  /** ...after this many epochs in a row without a new best validation loss. */
  patience: number;
}

export interface EpochVerdict {
  /** This epoch's loss is the best so far (strictly lower than every earlier one). */
  improved: boolean;
  /** Stop training after this epoch. */
  stop: boolean;
  /** The learning rate for the next epoch. */
  lr: number;
}

export class ValidationMonitor {
  bestEpoch = 0;
  bestLoss = Infinity;
  private sinceBest = 0;
  private sinceLrChange = 0;

  constructor(
    private lr: number,
    private readonly earlyStopping?: EarlyStopping,
    private readonly plateau?: LrPlateau,
  ) {}

  /** Records epoch `epoch`'s validation loss and says what to do next. */
  observe(epoch: number, loss: number): EpochVerdict {
    // a NaN validation loss is never an improvement
    const improved = loss < this.bestLoss;
    if (improved) {
      this.bestLoss = loss;
      this.bestEpoch = epoch;
      this.sinceBest = 0;
      this.sinceLrChange = 0;
    } else {
      this.sinceBest++;
      this.sinceLrChange++;
    }
    if (this.plateau && this.sinceLrChange >= this.plateau.patience) {
      this.lr *= this.plateau.factor;
      this.sinceLrChange = 0;
    }
    const stop = this.earlyStopping !== undefined && this.sinceBest >= this.earlyStopping.patience;
    return { improved, stop, lr: this.lr };
  }
}
