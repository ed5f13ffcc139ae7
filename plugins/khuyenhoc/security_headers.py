"""The site's Content-Security-Policy, for the hosts that send headers.

Every page carries the policy in a <meta> tag (base.html), which every host
serves. Hosts that read a headers file get it as a real header too, where
it also forbids framing the site (a <meta> policy cannot): ``_headers`` for
Netlify and Cloudflare Pages, ``.htaccess`` for Apache shared hosting.
"""

import os
from urllib.parse import urlsplit

EXTRA_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
)


def header_policy(settings):
    return settings["CONTENT_SECURITY_POLICY"] + "; frame-ancestors 'self'"


def write_header_files(pelican):
    settings = pelican.settings
    headers = (("Content-Security-Policy", header_policy(settings)),) + EXTRA_HEADERS
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
