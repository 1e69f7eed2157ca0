// Progressive enhancement only: the pages work without it.
// After a failed submit, move focus to the error summary so keyboard and screen-reader users hear it.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.getElementById("fouten");
  if (summary) { summary.focus(); }
});
