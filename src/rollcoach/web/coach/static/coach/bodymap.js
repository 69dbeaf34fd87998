// Clicking a region of the picture toggles the matching checkbox, which stays the real input:
// the form works the same by keyboard, by screen reader and without this script.
document.querySelectorAll(".bodymap").forEach((map) => {
  map.querySelectorAll("[data-area]").forEach((region) => {
    region.addEventListener("click", () => {
      const box = map.querySelector(`input[type=checkbox][value="${region.dataset.area}"]`);
      if (!box) return;
      box.checked = !box.checked;
      box.dispatchEvent(new Event("change", { bubbles: true }));
    });
  });
});
