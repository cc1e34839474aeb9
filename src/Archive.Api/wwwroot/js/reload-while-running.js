// Progress of a long action (a verification run): while the page marks itself with data-reload-seconds, reload it.
(function () {
  'use strict';
  var marked = document.querySelector('[data-reload-seconds]');
  if (!marked) {
    return;
  }

  var seconds = parseInt(marked.getAttribute('data-reload-seconds'), 10) || 2;
  window.setTimeout(function () { window.location.reload(); }, seconds * 1000);
}());
