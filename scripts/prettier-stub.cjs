// yaml-language-server loads prettier for formatting at start-up; TableSpec configures it with
// `format: false` and never formats, so the bundle carries this stub instead of 2 MB of prettier.
module.exports = {
  format() {
    throw new Error('Formatting is not part of TableSpec.');
  },
};
