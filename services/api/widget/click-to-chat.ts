/*
 * The click-to-chat website widget: a floating WhatsApp button with a greeting bubble that opens the wa.me link in
 * a new tab. A classic script with no dependencies; styles go through the CSSOM, so a site's CSP need not allow
 * inline styles, and nothing is evaluated from strings. Embed:
 *   <script src="https://api.example.com/click-to-chat/widget.js" data-ref="ab12cd" async></script>
 */
(function () {
  interface WidgetConfig {
    url: string;
    greeting: string;
    position: 'left' | 'right';
    color: string;
  }

  const script = document.currentScript as HTMLScriptElement | null;
  if (!script) return;
  const ref = script.getAttribute('data-ref') || '';
  const hostId = 'aerostic-ctc-' + ref;
  if (!/^[a-z0-9]{6}$/.test(ref) || document.getElementById(hostId)) return;

  function isConfig(value: unknown): value is WidgetConfig {
    const c = value as Partial<WidgetConfig> | null;
    return (
      !!c &&
      typeof c.url === 'string' &&
      /^https:\/\/wa\.me\//.test(c.url) &&
      typeof c.greeting === 'string' &&
      (c.position === 'left' || c.position === 'right') &&
      typeof c.color === 'string' &&
      /^#[0-9a-f]{6}$/i.test(c.color)
    );
  }

  function el<K extends keyof HTMLElementTagNameMap>(tag: K, css: string): HTMLElementTagNameMap[K] {
    const node = document.createElement(tag);
    node.style.cssText = css;
    return node;
  }

  const FONT = 'font:14px/1.4 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;';
  const ICON =
    'M16 3C8.8 3 3 8.6 3 15.6c0 2.5.8 4.9 2.1 6.9L3.7 29l6.8-1.7c1.7.9 3.6 1.4 5.5 1.4 7.2 0 13-5.6 13-12.6S23.2 3 ' +
    '16 3zm6.4 17.6c-.3.8-1.6 1.5-2.2 1.6-.6.1-1.3.1-2.1-.1-.5-.2-1.1-.4-1.9-.7-3.3-1.4-5.5-4.7-5.6-4.9-.2-.2-1.3-1.8' +
    '-1.3-3.4s.8-2.4 1.1-2.8c.3-.3.6-.4.8-.4h.6c.2 0 .5-.1.7.6.3.7.9 2.4 1 2.5.1.2.1.4 0 .6-.1.2-.2.4-.3.5l-.5.6c-.2' +
    '.2-.3.4-.1.7.2.3.9 1.5 1.9 2.4 1.3 1.2 2.4 1.5 2.8 1.7.3.2.5.1.7-.1.2-.2.8-.9 1-1.3.2-.3.4-.3.7-.2.3.1 1.9.9 2.2 1' +
    '.3.2.5.2.6.3.1.2.1.9-.2 1.6z';

  function render(config: WidgetConfig): void {
    const side = config.position + ':20px;';
    const open = function (): void {
      window.open(config.url, '_blank', 'noopener');
    };

    const host = el('div', 'position:fixed;bottom:20px;' + side + 'z-index:2147483000;' + FONT);
    host.id = hostId;

    const bubble = el(
      'div',
      'position:absolute;bottom:72px;' +
        side.replace('20px', '0') +
        'width:240px;max-width:calc(100vw - 40px);box-sizing:border-box;padding:12px 32px 12px 14px;' +
        'background:#fff;color:#111;border-radius:12px;box-shadow:0 4px 16px rgba(0,0,0,.18);cursor:pointer;',
    );
    bubble.setAttribute('role', 'button');
    bubble.setAttribute('data-part', 'greeting');
    const message = el('span', '');
    message.textContent = config.greeting;
    const close = el(
      'button',
      'position:absolute;top:4px;right:6px;border:0;background:none;color:#666;font-size:18px;cursor:pointer;',
    );
    close.type = 'button';
    close.textContent = '\u00d7';
    close.setAttribute('aria-label', 'Close');
    close.addEventListener('click', function (event) {
      event.stopPropagation();
      bubble.style.display = 'none';
    });
    bubble.appendChild(message);
    bubble.appendChild(close);
    bubble.addEventListener('click', open);

    const button = el(
      'button',
      'width:56px;height:56px;border-radius:50%;border:0;padding:0;cursor:pointer;display:flex;' +
        'align-items:center;justify-content:center;box-shadow:0 4px 12px rgba(0,0,0,.25);background:' +
        config.color +
        ';',
    );
    button.type = 'button';
    button.setAttribute('aria-label', 'Chat on WhatsApp');
    button.setAttribute('data-part', 'button');
    const svgNs = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(svgNs, 'svg');
    svg.setAttribute('viewBox', '0 0 32 32');
    svg.setAttribute('width', '30');
    svg.setAttribute('height', '30');
    const path = document.createElementNS(svgNs, 'path');
    path.setAttribute('fill', '#fff');
    path.setAttribute('d', ICON);
    svg.appendChild(path);
    button.appendChild(svg);
    button.addEventListener('click', open);

    host.appendChild(bubble);
    host.appendChild(button);
    document.body.appendChild(host);
  }

  function start(config: unknown): void {
    if (!isConfig(config)) return;
    if (document.body) render(config);
    else
      document.addEventListener('DOMContentLoaded', function () {
        render(config);
      });
  }

  // The dashboard's preview passes unsaved settings inline; websites fetch the saved ones.
  const inline = script.getAttribute('data-config');
  if (inline) {
    try {
      start(JSON.parse(inline));
    } catch {
      return;
    }
    return;
  }
  fetch(new URL('widgets/' + ref, script.src).href, { credentials: 'omit' })
    .then(function (response) {
      return response.ok ? response.json() : null;
    })
    .then(start, function () {
      return undefined;
    });
})();
