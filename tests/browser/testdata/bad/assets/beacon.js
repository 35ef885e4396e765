// Bad fixture: asks another origin for an image, as a tracking pixel or a
// CDN-hosted file would. The address is on this machine (the test server
// under the name "localhost" instead of 127.0.0.1), so no request can leave
// it, but for the browser it is another origin.
const pixel = new Image();
pixel.alt = "";
pixel.src = "http://localhost:" + location.port + "/assets/logo.svg";
document.body.append(pixel);
