// Registers the offline worker for the whole site. Loaded by the session player, and usable on
// its own by any page that should open without a connection.

const ready =
  "serviceWorker" in navigator
    ? navigator.serviceWorker
        .register("/sw.js", { scope: "/" })
        .then(() => navigator.serviceWorker.ready)
        .catch(() => null)
    : Promise.resolve(null);

// Asks the worker to keep these exercise pictures, so a session started offline shows them.
export function keepPictures(urls) {
  ready.then((registration) => {
    if (registration && registration.active && urls.length) {
      registration.active.postMessage({ type: "keep-pictures", urls });
    }
  });
}
