// @ts-check
// Local wall-clock time as written into states and requests ("2026-11-28T14:05:09"), never UTC.

/**
 * The local date and time of `date` in ISO form without a zone.
 * @param {Date} [date]
 * @param {boolean} [withSeconds]
 */
export function localIso(date = new Date(), withSeconds = true) {
  const pad = (/** @type {number} */ n) => String(n).padStart(2, "0");
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  const seconds = withSeconds ? `:${pad(date.getSeconds())}` : "";
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}${seconds}`;
  return `${day}T${time}`;
}
