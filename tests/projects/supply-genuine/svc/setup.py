from setuptools import setup

REQUIREMENTS = ["numpy>=1.26", "scipy"]

setup(name="mypkg", install_requires=REQUIREMENTS, extras_require={"plot": ["matplotlib"]})
