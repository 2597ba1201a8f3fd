/*
 * «Отправить код ещё раз» stays disabled until the server would accept it; the server enforces
 * the same wait, so this is only a courtesy.
 */
(function () {
  'use strict';
  var button = document.getElementById('resend');
  var label = document.getElementById('resend-countdown');
  if (!button) {
    return;
  }
  var left = parseInt(button.getAttribute('data-countdown') || '0', 10);
  if (!(left > 0)) {
    return;
  }
  var template = label ? label.textContent : '';
  button.disabled = true;
  var timer = setInterval(function () {
    left -= 1;
    if (left <= 0) {
      clearInterval(timer);
      button.disabled = false;
      if (label) {
        label.textContent = '';
      }
    } else if (label) {
      label.textContent = template.replace(/\d+/, String(left));
    }
  }, 1000);
})();
