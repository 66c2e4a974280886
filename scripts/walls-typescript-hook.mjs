// Module hook of scripts/walls.mjs: `typescript` imported by dependency-cruiser resolves to the compiler given.
let typescript;

export function initialize(data) {
  typescript = data.typescript;
}

export async function resolve(specifier, context, next) {
  if (specifier === 'typescript' && context.parentURL?.includes('/dependency-cruiser/')) return next(typescript, context);
  return next(specifier, context);
}
