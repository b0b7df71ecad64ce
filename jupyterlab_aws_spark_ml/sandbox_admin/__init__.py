"""Routes that change the running sandbox (sandbox mode only), e.g. its fault injection."""
