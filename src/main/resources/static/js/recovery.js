/*
 * «Отправить код ещё раз»: counts down the seconds until the server will send another code and
 * keeps the button disabled until then. A convenience only: the server refuses an early request
 * on its own, and without this file the button simply stays enabled.
 */
(function () {
  'use strict';

  var button = document.querySelector('button[data-countdown]');
  if (!button) {
    return;
  }
  var seconds = parseInt(button.getAttribute('data-countdown'), 10);
  var template = button.getAttribute('data-countdown-text');
  var label = button.textContent;
  if (!(seconds > 0) || !template) {
    return;
  }
  // Counted against the wall clock, as timers in a background tab may fire late.
  var deadline = Date.now() + seconds * 1000;

  function tick() {
    var left = Math.ceil((deadline - Date.now()) / 1000);
    if (left <= 0) {
      button.disabled = false;
      button.textContent = label;
      return;
    }
    button.disabled = true;
    button.textContent = template.replace('{0}', String(left));
    window.setTimeout(tick, 1000);
  }

  tick();
})();
