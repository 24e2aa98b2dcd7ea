// Included by every demo app page. When the page is framed by the docs site, it tells the
// article's live panel where the frame is and what this origin's storages hold, and answers the
// panel's probe with what script on this page can really read: document.cookie and both storages.
(() => {
  const docsOrigin = document.currentScript && document.currentScript.dataset.docsOrigin;
  if (!docsOrigin || window.parent === window) return;

  const entries = (storageName) => {
    try {
      const storage = window[storageName];
      const all = {};
      for (let index = 0; index < storage.length; index += 1) {
        const key = storage.key(index);
        all[key] = storage.getItem(key);
      }
      return all;
    } catch {
      return {};
    }
  };

  const storages = () => ({ localStorage: entries('localStorage'), sessionStorage: entries('sessionStorage') });

  // targetOrigin: the message is delivered only if the parent really is the docs site.
  const tell = (message) => window.parent.postMessage(message, docsOrigin);

  window.addEventListener('message', async (event) => {
    if (event.origin !== docsOrigin || event.source !== window.parent) return;
    // The panel's hacker injects a script into this page (see injected-script.js) and gets its loot.
    if (event.data && event.data.type === 'demo:inject' && ['steal', 'persist', 'acquire', 'proxy'].includes(event.data.attack)) {
      const script = await import('/_assets/injected-script.js');
      const loot = await script[event.data.attack]().catch((error) => ({ tokens: [], refreshTokens: [], notes: [String(error)] }));
      tell({ type: 'demo:injected', attack: event.data.attack, loot });
      return;
    }
    if (!event.data || event.data.type !== 'demo:probe') return;
    tell({
      type: 'demo:probe-result',
      href: location.href,
      documentCookie: document.cookie,
      ...storages(),
    });
  });

  // The panel's jar lists what this origin's storages hold. Page script changes them without any
  // event in this document, so the frame looks again a few times a second and reports changes only.
  let reportedStorage = '';
  const reportStorage = () => {
    const storage = storages();
    const serialized = JSON.stringify(storage);
    if (serialized === reportedStorage) return;
    reportedStorage = serialized;
    tell({ type: 'demo:storage', ...storage });
  };
  reportStorage();
  setInterval(reportStorage, 250);

  const reportLocation = () => tell({ type: 'demo:location', href: location.href, title: document.title });
  if (document.readyState === 'complete') reportLocation();
  else window.addEventListener('load', reportLocation);
  // An SPA changes its title when it switches views; the panel's address bar follows.
  const title = document.querySelector('title');
  if (title) new MutationObserver(reportLocation).observe(title, { childList: true, characterData: true, subtree: true });
})();
