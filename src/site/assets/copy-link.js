// Copy-link button: shown only when scripting works, copies the story URL, says so politely.
for (const button of document.querySelectorAll('[data-copy-link]')) {
  button.hidden = false;
  button.addEventListener('click', async () => {
    const status = document.getElementById(button.getAttribute('aria-controls'));
    const url = button.getAttribute('data-copy-link');
    try {
      await navigator.clipboard.writeText(url);
    } catch {
      // Older browsers or denied permission: select the text so the reader can copy it by hand.
      const field = document.createElement('input');
      field.value = url;
      button.after(field);
      field.select();
      document.execCommand('copy');
      field.remove();
    }
    if (status) status.textContent = button.getAttribute('data-copied');
  });
}
