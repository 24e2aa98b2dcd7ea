const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}

export interface PageOptions {
  /** Shown in the tab and the panel's address bar. */
  title: string;
  /** `store` or `forums`: picks the app's colours. */
  theme: string;
  docsOrigin: string;
  /** Markup of <main>, already escaped. */
  main: string;
  /** Attributes of <main> (escaped here). */
  mainAttributes?: Record<string, string>;
  /** Extra module scripts from /_assets/. */
  scripts?: string[];
}

/**
 * Every app page: its own stylesheet and scripts only (the CSP allows nothing inline), and
 * frame.js, which reports the page to the article's panel when framed by the docs.
 */
export function page(options: PageOptions): string {
  const attributes = Object.entries(options.mainAttributes ?? {})
    .map(([name, value]) => ` ${name}="${escapeHtml(value)}"`)
    .join('');
  const scripts = (options.scripts ?? []).map((src) => `<script type="module" src="${escapeHtml(src)}"></script>`).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}</title>
<link rel="stylesheet" href="/_assets/app.css">
<script src="/_assets/frame.js" data-docs-origin="${escapeHtml(options.docsOrigin)}" defer></script>
${scripts}
</head>
<body class="theme-${escapeHtml(options.theme)}">
<main${attributes}>
${options.main}
</main>
</body>
</html>
`;
}
