// Module resolution hooks for forbid-tfjs.ts (they run on Node's loader thread).
interface ResolveContext {
  parentURL?: string;
}
type NextResolve = (specifier: string, context: ResolveContext) => Promise<unknown>;

export async function resolve(specifier: string, context: ResolveContext, nextResolve: NextResolve): Promise<unknown> {
  if (specifier.startsWith('@tensorflow/')) throw new Error(`TensorFlow.js was loaded: import of ${specifier} from ${context.parentURL}`);
  return nextResolve(specifier, context);
}
