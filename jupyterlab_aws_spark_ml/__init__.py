"""JupyterLab AWS Spark & ML: EMR, Glue, Lake Formation and SageMaker from one sidebar."""

try:
    from ._version import __version__
except ImportError:  # running from a source tree that was never built
    import warnings

    warnings.warn(
        "Importing 'jupyterlab_aws_spark_ml' outside a proper installation.", stacklevel=2
    )
    __version__ = "dev"


def _jupyter_labextension_paths():
    return [{"src": "labextension", "dest": "jupyterlab-aws-spark-ml"}]


def _jupyter_server_extension_points():
    return [{"module": "jupyterlab_aws_spark_ml"}]


def _load_jupyter_server_extension(server_app):
    # Imported here so that `import jupyterlab_aws_spark_ml` in a kernel stays light.
    from .extension import load_extension

    load_extension(server_app)


def load_ipython_extension(ipython):
    """`%load_ext jupyterlab_aws_spark_ml` registers the `%aws_spark` magic."""
    from .magics import register

    register(ipython)
