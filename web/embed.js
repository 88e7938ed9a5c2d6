// Qualify's embed script: a host page writes
//   <script src="https://example.gov.cn/tools/qualify/embed.js" data-programs="xm-etc-pool,xm-etc"
//           data-lang="zh"></script>
// and the app appears in an iframe in place of the tag, as tall as its content. Every attribute
// is described in docs/embed.md. The script runs once per tag, so widgets are independent.
(function () {
  'use strict';

  var script = document.currentScript;
  if (!script || !script.src) {
    return;
  }
  // The app is the folder embed.js was loaded from, wherever the site put it.
  var app = new URL('./', script.src);
  var data = script.dataset;

  // Theme values become CSS custom properties inside the app; only real colours and font lists
  // pass, so a data attribute cannot smuggle other CSS in (the app checks them again).
  function cssValue(property, value) {
    return value && value.length <= 200 && window.CSS && CSS.supports(property, value)
      ? value
      : null;
  }

  var params = new URLSearchParams();
  params.set('embed', '1');
  // The only origin the app sends its height to.
  params.set('parent', window.location.origin);
  var lang = data.lang === 'en' ? 'en' : 'zh';
  params.set('lang', lang);
  if (data.programs) {
    params.set('programs', data.programs.replace(/\s+/g, ''));
  }
  if (data.packUrl) {
    // A pack path is the host's, so it is resolved against the host page.
    params.set('pack', new URL(data.packUrl, document.baseURI).href);
  }
  if (data.asOf) {
    params.set('as_of', data.asOf);
  }
  if (data.shareUrl) {
    // Share links made in the widget lead back to this page (or the one named), whose widget
    // then opens on the link's figures; the app accepts it only from this page's own origin.
    try {
      var share = new URL(data.shareUrl, document.baseURI);
      share.hash = '';
      params.set('share', share.href);
    } catch (e) {
      // Not an address: share links lead to the app itself, as without the attribute.
    }
  }
  var accent = cssValue('color', data.accent);
  if (accent) {
    params.set('accent', accent);
  }
  var font = cssValue('font-family', data.font);
  if (font) {
    params.set('font', font);
  }

  var frame = document.createElement('iframe');
  // A share link to this page carries its figures in the fragment, which only the page sees:
  // the first widget that names a share address takes them over, so two widgets do not both
  // open on one enterprise's figures.
  var shared =
    data.shareUrl &&
    /^#profile=[A-Za-z0-9_+\/=-]*$/.test(window.location.hash) &&
    !document.querySelector('iframe.qualify-embed[data-shared]');
  frame.src = app.href + '?' + params.toString() + (shared ? window.location.hash : '');
  if (shared) {
    frame.setAttribute('data-shared', '');
  }
  frame.title =
    data.title || (lang === 'en' ? 'Qualify: enterprise recognition self-assessment' : 'Qualify 资质自评');
  frame.className = 'qualify-embed';
  // The share tool copies its link from inside the frame.
  frame.allow = 'clipboard-write';
  // The app sends its height once it has rendered; until then a sensible first size.
  var initial = parseInt(data.height, 10);
  frame.style.display = 'block';
  frame.style.width = '100%';
  frame.style.height = (initial > 0 ? initial : 600) + 'px';
  frame.style.border = '0';

  window.addEventListener('message', function (event) {
    // Only this widget's own frame, loaded from the app's origin, may resize it.
    if (event.source !== frame.contentWindow || event.origin !== app.origin) {
      return;
    }
    var message = event.data;
    if (!message || message.type !== 'qualify:height') {
      return;
    }
    var height = Math.ceil(Number(message.height));
    if (height > 0 && height < 100000) {
      frame.style.height = height + 'px';
    }
  });

  script.replaceWith(frame);
})();
