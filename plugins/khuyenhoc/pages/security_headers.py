"""The site's Content-Security-Policy and other security headers, for the hosts that send headers.

Every page carries the policy in a <meta> tag (base.html), which every host
serves. Hosts that read a headers file get it as a real header too, where
it also forbids framing the site (a <meta> policy cannot), with a
Permissions-Policy and, for an https address, HSTS: ``_headers`` for
Netlify and Cloudflare Pages, ``.htaccess`` for Apache shared hosting.
"""

import os
from urllib.parse import urlsplit

from khuyenhoc.checks import site_address
from khuyenhoc.editor import config

EXTRA_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    # A bulletin needs no camera, microphone, location, payment or devices:
    # nothing pasted into an article may ask the reader for them.
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
                           "serial=(), bluetooth=(), browsing-topics=()"),
)
# Browsers that saw the https site once never open it over http for a year.
# Without includeSubDomains: other hosts of the association's domain may
# have no https yet, and this must not lock readers out of them.
HSTS = ("Strict-Transport-Security", "max-age=31536000")


def header_policy(settings):
    return editor_policy(settings) + "; frame-ancestors 'self'"


def editor_policy(settings):
    """The site's policy, letting the published editor (/admin/, when
    hoi.yaml names a Git host) reach that host's API and show the images it
    uploads: a header covers every path, the editor's too."""
    policy = settings["CONTENT_SECURITY_POLICY"]
    origins = config.editor_origins(settings)
    if origins:
        policy = policy.replace("connect-src 'self'", "connect-src 'self' " + " ".join(origins))
        policy = policy.replace("img-src 'self'", "img-src 'self' blob: data: "
                                + " ".join(origins))
    return policy


def write_header_files(pelican):
    settings = pelican.settings
    headers = (("Content-Security-Policy", header_policy(settings)),) + EXTRA_HEADERS
    if site_address.is_https(settings):
        headers += (HSTS,)
    output = pelican.output_path
    netlify = "/*\n" + "".join(f"  {name}: {value}\n" for name, value in headers)
    apache = ["# Written by every build: a change made here is lost at the next build.",
              "<IfModule mod_headers.c>"]
    apache += [f'  Header always set {name} "{value}"' for name, value in headers]
    apache.append("</IfModule>")
    siteurl = settings.get("SITEURL", "")
    if "://" in siteurl and os.path.exists(os.path.join(output, "404.html")):
        apache.append(f"ErrorDocument 404 {urlsplit(siteurl).path.rstrip('/')}/404.html")
    for name, text in (("_headers", netlify), (".htaccess", "\n".join(apache) + "\n")):
        with open(os.path.join(output, name), "w", encoding="utf-8") as handle:
            handle.write(text)
