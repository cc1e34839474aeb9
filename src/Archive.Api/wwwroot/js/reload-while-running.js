// Progress of a long action (a verification run): while the page marks itself with data-reload-seconds="n" (n > 0),
// reload it every n seconds. Razor renders a data- attribute even when its value is null, so an empty one means "done".
(function () {
  'use strict';
  var marked = document.querySelector('[data-reload-seconds]');
  if (!marked) {
    return;
  }

  var seconds = parseInt(marked.getAttribute('data-reload-seconds'), 10);
  if (!(seconds > 0)) {
    return;
  }

  window.setTimeout(function () { window.location.reload(); }, seconds * 1000);
}());
