// Asks for an image from another origin: the same server, named localhost
// rather than 127.0.0.1. The request log must list it as foreign.
const img = new Image();
img.src = "http://localhost:" + location.port + "/flow.svg";
