// The browser's own validation bubbles speak the browser's language ("Please fill out this field").
// Give them the app's Vietnamese words instead, and clear them as soon as the person types.
(function () {
  "use strict";
  if ((document.documentElement.lang || "vi").slice(0, 2) !== "vi") return; // English: the browser's own words
  function message(field) {
    var v = field.validity;
    if (v.valueMissing) {
      if (field.type === "file") return "Vui lòng chọn tệp.";
      if (field.type === "checkbox") return "Vui lòng đánh dấu ô này nếu muốn tiếp tục.";
      if (field.tagName === "SELECT" || field.type === "radio") return "Vui lòng chọn một mục trong danh sách.";
      return "Vui lòng nhập thông tin vào ô này.";
    }
    if (v.typeMismatch) {
      if (field.type === "email") return "Địa chỉ e-mail chưa đúng (ví dụ: ten@coquan.gov.vn).";
      if (field.type === "url") return "Địa chỉ chưa đúng (ví dụ: https://…).";
      return "Giá trị chưa đúng định dạng.";
    }
    if (v.tooShort) return "Cần ít nhất " + field.minLength + " ký tự (hiện có " + field.value.length + ").";
    if (v.tooLong) return "Tối đa " + field.maxLength + " ký tự.";
    if (v.rangeUnderflow) return "Giá trị phải từ " + field.min + " trở lên.";
    if (v.rangeOverflow) return "Giá trị không được vượt quá " + field.max + ".";
    if (v.stepMismatch) return "Vui lòng nhập số nguyên.";
    if (v.badInput) return "Vui lòng nhập một số.";
    if (v.patternMismatch) return field.title || "Giá trị chưa đúng định dạng yêu cầu.";
    return "";
  }
  document.addEventListener(
    "invalid",
    function (event) {
      var field = event.target;
      if (!field.setCustomValidity) return;
      field.setCustomValidity("");
      if (!field.validity.valid) field.setCustomValidity(message(field));
    },
    true
  );
  function reset(event) {
    if (event.target.setCustomValidity) event.target.setCustomValidity("");
  }
  document.addEventListener("input", reset, true);
  document.addEventListener("change", reset, true);
})();
