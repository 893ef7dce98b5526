// Imports a package the way a user's project would: resolved from consumer/node_modules.
export const load = (name) => import(name);
