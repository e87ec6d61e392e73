/**
 * Saving a tfjs model into our artifact JSON: a custom IOHandler receives the topology, weight
 * specs and weight bytes from `model.save()`, and the artifacts are kept as one JSON document
 * (weights base64) — text survives the MLflow artifact round trip, which hands files back as UTF-8.
 * The same document loads with plain tfjs through `artifactsLoadHandler`.
 */
import type * as Tf from "@tensorflow/tfjs";
import { InvalidInput } from "../../errors.js";

/** The saved tfjs model: topology plus weights, in tfjs' own "layers-model" vocabulary. */
export interface TfjsModelDocument {
  format: "layers-model";
  generatedBy: string;
  modelTopology: object;
  weightSpecs: Tf.io.WeightsManifestEntry[];
  /** Little-endian float32 weights, concatenated in weightSpecs order, base64. */
  weightData: string;
}

function joinBuffers(data: ArrayBuffer | ArrayBuffer[]): Buffer {
  return Array.isArray(data) ? Buffer.concat(data.map((b) => Buffer.from(b))) : Buffer.from(data);
}

/** An IOHandler whose save() keeps the artifacts; read them with `document()` after `await model.save(handler)`. */
export function artifactsSaveHandler(generatedBy: string): { handler: Tf.io.IOHandler; document(): TfjsModelDocument } {
  let saved: TfjsModelDocument | undefined;
  const handler: Tf.io.IOHandler = {
    async save(artifacts: Tf.io.ModelArtifacts): Promise<Tf.io.SaveResult> {
      if (!artifacts.modelTopology || artifacts.modelTopology instanceof ArrayBuffer || !artifacts.weightSpecs || !artifacts.weightData) {
        throw new Error("tfjs handed the save handler no JSON topology or no weights.");
      }
      const weights = joinBuffers(artifacts.weightData);
      saved = { format: "layers-model", generatedBy, modelTopology: artifacts.modelTopology, weightSpecs: artifacts.weightSpecs, weightData: weights.toString("base64") };
      return {
        modelArtifactsInfo: {
          dateSaved: new Date(),
          modelTopologyType: "JSON",
          modelTopologyBytes: JSON.stringify(artifacts.modelTopology).length,
          weightSpecsBytes: JSON.stringify(artifacts.weightSpecs).length,
          weightDataBytes: weights.length,
        },
      };
    },
  };
  return {
    handler,
    document() {
      if (!saved) throw new Error("The tfjs model has not been saved through this handler yet.");
      return saved;
    },
  };
}

/** The weight bytes of a document as an ArrayBuffer of its own. */
export function weightBytes(doc: TfjsModelDocument): ArrayBuffer {
  const bytes = Buffer.from(doc.weightData, "base64");
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer;
}

/** An IOHandler that loads a saved document, for `tf.loadLayersModel(artifactsLoadHandler(doc))`. */
export function artifactsLoadHandler(doc: TfjsModelDocument): Tf.io.IOHandler {
  return {
    load: async () => ({ modelTopology: doc.modelTopology, weightSpecs: doc.weightSpecs, weightData: weightBytes(doc), format: doc.format, generatedBy: doc.generatedBy }),
  };
}

/** Parses and checks a saved document (text from an artifact store). */
export function parseModelDocument(text: string): TfjsModelDocument {
  let doc: Partial<TfjsModelDocument>;
  try {
    doc = JSON.parse(text) as Partial<TfjsModelDocument>;
  } catch (e) {
    throw new InvalidInput(`The saved tfjs model is not valid JSON: ${(e as Error).message}`);
  }
  if (doc?.format !== "layers-model" || typeof doc.modelTopology !== "object" || !Array.isArray(doc.weightSpecs) || typeof doc.weightData !== "string") {
    throw new InvalidInput("The saved tfjs model lacks its format, topology, weight specs or weights; it was not written by a sequence model.");
  }
  return doc as TfjsModelDocument;
}
