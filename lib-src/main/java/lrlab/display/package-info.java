/**
 * Display: everything that puts a result in front of a student. Plotly charts built from Tablesaw
 * tables ({@link lrlab.display.Plots}, contour, slider and subplot charts), the kernel bridge that sends
 * them to JupyterLab or IJava ({@link lrlab.display.Show}, {@link lrlab.display.Kernel}), HTML tables and
 * the live training progress. Domain packages never import this package.
 */
package lrlab.display;
