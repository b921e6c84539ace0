// Marks that the script ran: it only runs when it is served as JavaScript
// under the Content-Security-Policy.
document.documentElement.dataset.script = "ran";
