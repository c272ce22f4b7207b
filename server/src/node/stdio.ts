// `flow-callout-ls --stdio`: the same server for Neovim, Helix and any LSP client.
import './main';
