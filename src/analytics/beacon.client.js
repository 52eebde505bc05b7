// Herald's page beacon: reports the page once shown and once more when the reader reaches the end
// of the story's text. It sends the referrer's host only, and keeps nothing in the browser.
(function (script, search) {
  var page = script.dataset, from = '';
  try { from = document.referrer && new URL(document.referrer).host; } catch (e) {}
  function send(event) {
    navigator.sendBeacon('/analytics/view', JSON.stringify({
      event: event, article: +page.article, language: page.language, kind: page.kind, referrer: from,
      source: (search.get('utm_source') || search.get('ref') || '').slice(0, 100),
      medium: (search.get('utm_medium') || '').slice(0, 100),
      campaign: (search.get('utm_campaign') || '').slice(0, 100)
    }));
  }
  function start() {
    send('view');
    var end = document.querySelector('.story > .body > :last-child');
    if (!end || !window.IntersectionObserver) return;
    var watch = new IntersectionObserver(function (seen) {
      if (seen[0].isIntersecting) { watch.disconnect(); send('read'); }
    });
    watch.observe(end);
  }
  // A page the browser prerendered counts when (and if) the reader opens it.
  if (document.prerendering) document.addEventListener('prerenderingchange', start, { once: true });
  else start();
})(document.currentScript, new URLSearchParams(location.search));
