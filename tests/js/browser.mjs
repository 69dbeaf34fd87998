// Just enough of a browser for store.js under Node: localStorage, window's events and
// document.cookie. fetch is Node's own, and real.

class MemoryStorage {
  constructor() {
    this.items = new Map();
  }

  getItem(key) {
    return this.items.has(key) ? this.items.get(key) : null;
  }

  setItem(key, value) {
    this.items.set(key, String(value));
  }

  removeItem(key) {
    this.items.delete(key);
  }

  clear() {
    this.items.clear();
  }

  get length() {
    return this.items.size;
  }
}

export const localStorage = new MemoryStorage();
export const window = new EventTarget();
export const document = { cookie: "" };

Object.assign(globalThis, { localStorage, window, document });
