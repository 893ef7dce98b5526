// Finds and loads a plugin package the first time one of its elements is in the document, so a
// page pays for a plugin's WASM only when it shows that plugin's element.

const loaders = {};
const loading = new Map();

/**
 * Tells the elements how to load plugin packages, for bundlers:
 * `configure({ load: { 'phi-lint': () => import('@medspa-kit/phi-lint') } })`.
 * Call it in the module that imports the elements: they start loading once that module has run.
 */
export function configure({ load = {} } = {}) {
  Object.assign(loaders, load);
}

/** The plugin package `name`, imported and initialised once for every element that needs it. */
export function loadPlugin(name, importByName) {
  if (!loading.has(name)) {
    const ready = importPlugin(name, importByName).then(async (plugin) => {
      await plugin.init();
      return plugin;
    });
    // A failed load (offline, a wrong base URL) is tried again by the next element that needs it.
    ready.catch(() => loading.delete(name));
    loading.set(name, ready);
  }
  return loading.get(name);
}

// A loader from configure() comes first. A plain page cannot resolve bare specifiers, and a strict
// CSP forbids the inline import map that would let it, so next comes the base URL of
// <meta name="medspa-kit-packages" content="/packages/">. Last, the bare specifier.
function importPlugin(name, importByName) {
  if (loaders[name]) return loaders[name]();
  const base = document.querySelector('meta[name="medspa-kit-packages"]')?.content;
  if (base) return import(/* @vite-ignore */ new URL(`${name}/index.js`, new URL(base, document.baseURI)).href);
  return importByName();
}
