"""Make book/_static/readme_playground.png: chapter 8's playground after 100 epochs."""
import matplotlib

matplotlib.use("Agg")
from nnlib import widgets

playground = widgets.playground()          # moons, two hidden layers of three ReLU units
playground.advance(epochs=100)
playground.fig.savefig("book/_static/readme_playground.png", dpi=100)
