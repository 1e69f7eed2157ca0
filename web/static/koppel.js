// Progressive enhancement only: the pages work without it.
document.addEventListener("DOMContentLoaded", function () {
  // After a failed submit, move focus to the error summary so keyboard and screen-reader users hear it.
  var summary = document.getElementById("fouten");
  if (!summary) { return; }
  summary.focus();
  // A link in the summary puts the cursor in the field itself (the first box of a group).
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    if (!link) { return; }
    var target = document.getElementById(link.getAttribute("href").slice(1));
    if (!target) { return; }
    var field = target.matches("input, select, textarea") ? target : target.querySelector("input, select, textarea");
    if (field) { event.preventDefault(); field.focus(); field.scrollIntoView({block: "center"}); }
  });
});

// Import progress: ask for the state every second and update the bar; reload when it is done.
document.addEventListener("DOMContentLoaded", function () {
  var box = document.getElementById("voortgang");
  if (!box) { return; }
  var bar = document.getElementById("balk"), count = document.getElementById("teller");
  var timer = setInterval(function () {
    fetch(box.dataset.url, {credentials: "same-origin"}).then(function (r) { return r.json(); }).then(function (s) {
      bar.value = s.done; bar.max = s.total; count.textContent = s.done + " van " + s.total;
      if (s.status === "done") { clearInterval(timer); window.location.reload(); }
    });
  }, 1000);
});
