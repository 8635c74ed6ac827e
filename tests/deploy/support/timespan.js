'use strict';
// .NET TimeSpan text ("[d.]hh:mm:ss[.fffffff]"), as the host binds it from configuration, in seconds.
function timeSpanSeconds(text) {
  const match = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(String(text));
  if (!match) throw new Error(`'${text}' is not a TimeSpan`);
  const [, days, hours, minutes, seconds] = match;
  return Number(days ?? 0) * 86400 + Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds);
}

module.exports = { timeSpanSeconds };
