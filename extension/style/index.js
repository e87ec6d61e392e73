/* The style module JupyterLab loads: index.css, which imports every stylesheet of the extension. */
import './index.css';
