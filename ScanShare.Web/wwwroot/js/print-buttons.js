// Print buttons on pages rendered without a circuit (the token slip): a listener in a file, because the content
// security policy allows no inline event handlers.
document.addEventListener("click", event => {
    if (event.target instanceof Element && event.target.closest("[data-print]")) {
        window.print();
    }
});
