"""Make book/_static/readme_figure.png: chapter 2's small multiples of the threshold neuron."""
import matplotlib

matplotlib.use("Agg")
from nnlib import plot

panels = [((5, 3), 4), ((1, 1), 2), ((1, 1), 1), ((2, -2), 1), ((-2, 0), -1), ((0, 0), 0)]
fig, axes = plot.new_figure(ncols=3, nrows=2, height=6.0)
for ax, (w, theta) in zip(axes.flat, panels, strict=True):
    plot.threshold_plane(w, theta, ax=ax, annotate=False)
    ax.set_xlabel("$x_1$", labelpad=0)
fig.legend(handles=axes[0, 0].get_legend_handles_labels()[0], loc="outside lower center", ncols=3)
fig.savefig("book/_static/readme_figure.png", dpi=100)
