/*
 * «Настройки безопасности»: the print button beside backup codes. It stays hidden without
 * JavaScript, where the browser's own print command does the same.
 */
(function () {
  'use strict';

  function enablePrinting() {
    document.querySelectorAll('[data-print]').forEach(function (button) {
      button.hidden = false;
      button.addEventListener('click', function () {
        window.print();
      });
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', enablePrinting);
  } else {
    enablePrinting();
  }
})();
