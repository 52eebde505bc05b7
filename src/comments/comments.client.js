// Progressive enhancement of the comment form (the form works without it): a fresh form token
// when the page came from a cache, sending without leaving the page, and replying in place.
(() => {
  const form = document.getElementById('comment-form');
  if (!form) return;
  const status = form.querySelector('.status');
  const parent = form.querySelector('input[name="parent"]');
  const replying = form.querySelector('.replying');
  const home = form.parentNode;
  const next = form.nextSibling;
  const article = form.dataset.article;

  fetch(`/comments/token?article=${encodeURIComponent(article)}`, { headers: { accept: 'application/json' } })
    .then((r) => (r.ok ? r.json() : null))
    .then((data) => {
      if (data && data.token) form.querySelector('input[name="token"]').value = data.token;
    })
    .catch(() => {});

  const cancel = () => {
    parent.value = '';
    replying.hidden = true;
    replying.textContent = '';
    home.insertBefore(form, next);
  };

  document.querySelectorAll('a.reply[data-reply]').forEach((link) => {
    link.addEventListener('click', (event) => {
      event.preventDefault();
      parent.value = link.dataset.reply;
      replying.hidden = false;
      replying.textContent = `↳ ${link.textContent} ${link.dataset.name}`;
      const undo = document.createElement('button');
      undo.type = 'button';
      undo.textContent = '×';
      undo.addEventListener('click', cancel);
      replying.append(' ', undo);
      link.closest('li').append(form);
      form.querySelector('textarea').focus();
    });
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    status.textContent = '…';
    try {
      const response = await fetch(form.action, {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(new FormData(form)),
      });
      const data = await response.json();
      if (!response.ok) {
        const fields = (data.error && data.error.fields) || [];
        status.textContent = [data.error ? data.error.message : response.statusText, ...fields.map((f) => `${f.field}: ${f.message}`)][0];
        return;
      }
      status.textContent = data.message;
      if (data.html) {
        const holder = document.createElement('div');
        holder.innerHTML = data.html;
        const item = holder.firstElementChild;
        const list = form.closest('li') ? null : home.querySelector('.comment-list');
        if (form.closest('li')) {
          let replies = form.closest('li').querySelector(':scope > ol');
          if (!replies) {
            replies = document.createElement('ol');
            form.closest('li').append(replies);
          }
          replies.append(item);
        } else if (list) list.append(item);
        else {
          const ol = document.createElement('ol');
          ol.className = 'comment-list';
          ol.append(item);
          home.insertBefore(ol, form);
          const none = home.querySelector('.none');
          if (none) none.remove();
        }
      }
      form.querySelector('textarea').value = '';
      cancel();
      status.textContent = data.message;
    } catch {
      form.submit();
    } finally {
      button.disabled = false;
    }
  });
})();
