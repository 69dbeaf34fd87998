// The session page's entry point: reads the config the server wrote into the page and starts
// the player with it.

import { init } from "./player.js";

init(JSON.parse(document.getElementById("player-config").textContent));
