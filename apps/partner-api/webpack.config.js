module.exports = require('../../tools/webpack/node-app.webpack')(__dirname, { gateway: true });
