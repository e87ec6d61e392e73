/**
 * The custom tfjs layers the sequence networks use, registered with tfjs' serialization so a
 * saved topology loads again (also by plain `tf.loadLayersModel`). tfjs layers has no multi-head
 * attention, no positional encoding and no dropout whose masks are both seeded and fresh per step,
 * so they are built here from tf ops (gradients come from tfjs' autograd).
 */
import type * as Tf from "@tensorflow/tfjs";

type TfModule = typeof Tf;
type LayerArgs = NonNullable<ConstructorParameters<typeof Tf.layers.Layer>[0]>;
type Kwargs = Parameters<Tf.layers.Layer["call"]>[1];
type ConfigDict = ReturnType<Tf.layers.Layer["getConfig"]>;

/** The custom layer classes, available once tfjs is loaded. */
export interface SequenceLayers {
  seededDropout(args: { rate: number; seed: number; name: string }): Tf.layers.Layer;
  positionalEncoding(args: { name: string }): Tf.layers.Layer;
  multiHeadSelfAttention(args: { heads: number; seed: number; name: string }): Tf.layers.Layer;
  lastTimeStep(args: { name: string }): Tf.layers.Layer;
}

let registered: SequenceLayers | undefined;

const single = (inputs: Tf.Tensor | Tf.Tensor[]): Tf.Tensor => (Array.isArray(inputs) ? inputs[0] : inputs);
const shapeOf = (shape: Tf.Shape | Tf.Shape[]): Tf.Shape => (Array.isArray(shape[0]) ? (shape[0] as Tf.Shape) : (shape as Tf.Shape));

/** Defines and registers the custom layers on `tf` (once); returns their factories. */
export function registerSequenceLayers(tf: TfModule): SequenceLayers {
  if (registered) return registered;

  /** Dropout whose mask is seeded and differs per call (tfjs' seeded dropout repeats one mask every batch). */
  class SeededDropout extends tf.layers.Layer {
    static className = "OpenQuantSeededDropout";
    private readonly rate: number;
    private readonly seed: number;
    private calls = 0;
    constructor(args: LayerArgs & { rate: number; seed: number }) {
      super(args);
      this.rate = args.rate;
      this.seed = args.seed;
    }
    override call(inputs: Tf.Tensor | Tf.Tensor[], kwargs: Kwargs): Tf.Tensor {
      const x = single(inputs);
      if (!kwargs?.training || this.rate === 0) return x;
      const seed = `${this.seed}:${this.calls++}`;
      return tf.tidy(() => tf.dropout(x, this.rate, undefined, seed));
    }
    override computeOutputShape(inputShape: Tf.Shape | Tf.Shape[]): Tf.Shape {
      return shapeOf(inputShape);
    }
    override getConfig(): ConfigDict {
      return { ...super.getConfig(), rate: this.rate, seed: this.seed };
    }
  }

  /** Adds the sinusoidal positional encoding of "Attention is all you need" to [batch, steps, dim]. */
  class PositionalEncoding extends tf.layers.Layer {
    static className = "OpenQuantPositionalEncoding";
    private table: Float32Array | undefined;
    override call(inputs: Tf.Tensor | Tf.Tensor[]): Tf.Tensor {
      const x = single(inputs);
      const [steps, dim] = x.shape.slice(1) as [number, number];
      if (!this.table || this.table.length !== steps * dim) this.table = positionalTable(steps, dim);
      const table = this.table;
      return tf.tidy(() => tf.add(x, tf.tensor2d(table, [steps, dim])));
    }
    override computeOutputShape(inputShape: Tf.Shape | Tf.Shape[]): Tf.Shape {
      return shapeOf(inputShape);
    }
  }

  /** Multi-head scaled dot-product self-attention over [batch, steps, dim], with an output projection. */
  class MultiHeadSelfAttention extends tf.layers.Layer {
    static className = "OpenQuantMultiHeadSelfAttention";
    private readonly heads: number;
    private readonly seed: number;
    private weightsQkvo: Tf.LayerVariable[] = [];
    private biasesQkvo: Tf.LayerVariable[] = [];
    constructor(args: LayerArgs & { heads: number; seed: number }) {
      super(args);
      this.heads = args.heads;
      this.seed = args.seed;
    }
    override build(inputShape: Tf.Shape | Tf.Shape[]): void {
      const dim = shapeOf(inputShape)[2] as number;
      const names = ["query", "key", "value", "output"];
      this.weightsQkvo = names.map((n, k) =>
        this.addWeight(`${n}_kernel`, [dim, dim], "float32", tf.initializers.glorotUniform({ seed: this.seed + k })),
      );
      this.biasesQkvo = names.map((n) => this.addWeight(`${n}_bias`, [dim], "float32", tf.initializers.zeros()));
      this.built = true;
    }
    override call(inputs: Tf.Tensor | Tf.Tensor[]): Tf.Tensor {
      return tf.tidy(() => {
        const x = single(inputs);
        const [batch, steps, dim] = x.shape as [number, number, number];
        const depth = dim / this.heads;
        const flat = tf.reshape(x, [batch * steps, dim]);
        const project = (k: number, input: Tf.Tensor) => tf.add(tf.matMul(input as Tf.Tensor2D, this.weightsQkvo[k].read() as Tf.Tensor2D), this.biasesQkvo[k].read());
        // [batch·steps, dim] → [batch, heads, steps, depth]
        const split = (t: Tf.Tensor) => tf.transpose(tf.reshape(t, [batch, steps, this.heads, depth]), [0, 2, 1, 3]);
        const q = split(project(0, flat));
        const k = split(project(1, flat));
        const v = split(project(2, flat));
        const scores = tf.div(tf.matMul(q as Tf.Tensor4D, k as Tf.Tensor4D, false, true), Math.sqrt(depth));
        const context = tf.matMul(tf.softmax(scores) as Tf.Tensor4D, v as Tf.Tensor4D);
        const merged = tf.reshape(tf.transpose(context, [0, 2, 1, 3]), [batch * steps, dim]);
        return tf.reshape(project(3, merged), [batch, steps, dim]);
      });
    }
    override computeOutputShape(inputShape: Tf.Shape | Tf.Shape[]): Tf.Shape {
      return shapeOf(inputShape);
    }
    override getConfig(): ConfigDict {
      return { ...super.getConfig(), heads: this.heads, seed: this.seed };
    }
  }

  /** The last step of [batch, steps, dim]: the representation of bar t, which has attended to the whole window. */
  class LastTimeStep extends tf.layers.Layer {
    static className = "OpenQuantLastTimeStep";
    override call(inputs: Tf.Tensor | Tf.Tensor[]): Tf.Tensor {
      return tf.tidy(() => {
        const x = single(inputs);
        const [batch, steps, dim] = x.shape as [number, number, number];
        return tf.reshape(tf.slice(x, [0, steps - 1, 0], [batch, 1, dim]), [batch, dim]);
      });
    }
    override computeOutputShape(inputShape: Tf.Shape | Tf.Shape[]): Tf.Shape {
      const shape = shapeOf(inputShape);
      return [shape[0], shape[2]];
    }
  }

  for (const cls of [SeededDropout, PositionalEncoding, MultiHeadSelfAttention, LastTimeStep]) tf.serialization.registerClass(cls);
  registered = {
    seededDropout: (args) => new SeededDropout(args),
    positionalEncoding: (args) => new PositionalEncoding(args),
    multiHeadSelfAttention: (args) => new MultiHeadSelfAttention(args),
    lastTimeStep: (args) => new LastTimeStep(args),
  };
  return registered;
}

/** The layers registered by registerSequenceLayers (which loadTf() calls). */
export function sequenceLayers(): SequenceLayers {
  if (!registered) throw new Error("Sequence layers used before tfjs was loaded (call loadTf() first).");
  return registered;
}

/** Sinusoidal positional encoding, row-major [steps, dim]: sin on even, cos on odd columns. */
export function positionalTable(steps: number, dim: number): Float32Array {
  const table = new Float32Array(steps * dim);
  for (let pos = 0; pos < steps; pos++) {
    for (let i = 0; i < dim; i++) {
      const angle = pos / 10_000 ** ((2 * Math.floor(i / 2)) / dim);
      table[pos * dim + i] = i % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
    }
  }
  return table;
}
