// Live blog: new entries arrive by Server-Sent Events (or, without them, by polling) and wait
// behind a "3 new updates" button, so the text under the reader's eyes never moves on its own.
// Edits and deletions of entries already on the page apply where they are. Without this script
// the page is a plain list that a reload brings up to date.
(() => {
  const blog = document.querySelector('[data-live-stream]');
  if (!blog) return;
  const list = blog.querySelector('.live-entries');
  const button = blog.querySelector('.live-new');
  const forms = JSON.parse(blog.getAttribute('data-live-forms'));
  const rules = new Intl.PluralRules(blog.getAttribute('data-live-lang'));
  const waiting = new Map();
  let cursor = blog.getAttribute('data-live-cursor') || '';

  const later = (a, b) => (a > b ? a : b);
  const element = (html) => {
    const template = document.createElement('template');
    template.innerHTML = html;
    return template.content.firstElementChild;
  };
  const showButton = () => {
    const n = waiting.size;
    button.hidden = n === 0;
    button.textContent = (forms[rules.select(n)] || forms.other).replace('{n}', String(n));
  };

  // Pinned entries first, then newest first: the order the page was rendered in.
  const place = (item) => {
    const pinned = item.getAttribute('data-pinned') === 'true';
    const published = item.getAttribute('data-published');
    for (const other of list.children) {
      const otherPinned = other.getAttribute('data-pinned') === 'true';
      if ((pinned && !otherPinned) || (pinned === otherPinned && published >= other.getAttribute('data-published'))) {
        list.insertBefore(item, other);
        return;
      }
    }
    list.append(item);
  };

  const receive = (update) => {
    cursor = later(cursor, update.updatedAt);
    const shown = document.getElementById('entry-' + update.id);
    if (shown && shown.getAttribute('data-updated') >= update.updatedAt) return;
    if (update.deleted) {
      waiting.delete(update.id);
      if (shown) shown.remove();
      showButton();
      return;
    }
    // An edit that keeps the entry where it is: in place, no waiting.
    if (shown && shown.getAttribute('data-pinned') === String(update.pinned)) {
      shown.replaceWith(element(update.html));
      return;
    }
    waiting.set(update.id, update);
    showButton();
  };

  button.addEventListener('click', () => {
    const updates = [...waiting.values()].sort((a, b) => (a.publishedAt < b.publishedAt ? -1 : 1));
    waiting.clear();
    showButton();
    let first = null;
    for (const update of updates) {
      const old = document.getElementById('entry-' + update.id);
      if (old) old.remove();
      const item = element(update.html);
      place(item);
      first = item;
    }
    const none = blog.querySelector('.live-none');
    if (none) none.remove();
    // The reader asked for them: take them to the newest, where reading goes on.
    if (first) {
      first.setAttribute('tabindex', '-1');
      first.focus();
    }
  });

  const state = (data) => {
    blog.classList.toggle('ended', data.closed);
    blog.querySelector('.live-ended').hidden = !data.closed;
    const badge = blog.querySelector('.live-badge');
    if (badge) badge.hidden = data.closed;
  };

  const poll = () => {
    const url = blog.getAttribute('data-live-poll');
    const tick = async () => {
      try {
        const response = await fetch(url + '?since=' + encodeURIComponent(cursor), { headers: { accept: 'application/json' } });
        if (response.ok) {
          const data = await response.json();
          state(data.state);
          data.updates.forEach(receive);
          if (data.state.archived) return;
        }
      } catch {
        // Offline for a moment: the next tick tries again.
      }
      setTimeout(tick, 15000);
    };
    setTimeout(tick, 15000);
  };

  if (blog.getAttribute('data-live-archived') === 'true') return;
  if (!('EventSource' in window)) {
    poll();
    return;
  }
  const source = new EventSource(blog.getAttribute('data-live-stream') + '?since=' + encodeURIComponent(cursor));
  source.addEventListener('entry', (event) => receive(JSON.parse(event.data)));
  source.addEventListener('state', (event) => {
    const data = JSON.parse(event.data);
    state(data);
    if (data.archived) source.close();
  });
  // The browser reconnects by itself (sending the last event's id); only a refusal ends it for good.
  source.addEventListener('error', () => {
    if (source.readyState === EventSource.CLOSED) poll();
  });
  blog.setAttribute('data-live-connected', 'true');
})();
