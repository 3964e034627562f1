import { previewWaMeUrl, widgetPreviewDocument, widgetSnippet } from './widget-snippet';

describe('widget snippet', () => {
  it('should point at the API script with the ref', () => {
    expect(widgetSnippet('https://api.example.com/', 'ab12cd')).toBe(
      '<script src="https://api.example.com/click-to-chat/widget.js" data-ref="ab12cd" async></script>',
    );
  });

  it('should escape the inline settings of the preview so quotes cannot end the attribute', () => {
    const page = widgetPreviewDocument(
      'http://api.localhost',
      'ab12cd',
      { url: 'https://wa.me/1555?text=x', greeting: 'Say "hi" <b>', position: 'left', color: '#000000' },
      'bm9uY2U=',
    );
    expect(page).toContain('Say \\&quot;hi\\&quot; &lt;b&gt;');
    expect(page).not.toContain('"hi"');
  });

  it('should give the script of the preview the nonce of the page, whose policy the frame inherits', () => {
    const page = widgetPreviewDocument(
      'http://api.localhost',
      'ab12cd',
      { url: 'https://wa.me/1555', greeting: 'Hi', position: 'right', color: '#25d366' },
      'bm9uY2U=',
    );
    expect(page).toContain('<script nonce="bm9uY2U=" src="http://api.localhost/click-to-chat/widget.js"');
  });

  it('should build the wa.me link as the API does', () => {
    expect(previewWaMeUrl('15550100', ' Hi & bye ', 'ab12cd')).toBe(
      'https://wa.me/15550100?text=Hi%20%26%20bye%20(ref%3A%20ab12cd)',
    );
  });
});
