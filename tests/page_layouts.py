"""Realistic saved web pages built around an article, for the `claimdiff import` tests.

Three layouts, each with the furniture a real page carries around its article (navigation,
ads, a cookie banner, comments, related links, a footer):

* `wordpress_page`: a WordPress theme (entry-header, entry-content, comment list, widgets);
* `news_page`: a news site with JSON-LD NewsArticle metadata, a consent dialog, ad slots,
  a share bar, a newsletter box and sponsored links;
* `blog_page`: a bare hand-written blog page: a <title>, a date in the text, no metadata,
  a few <div>s for the post, the comments and a sidebar.

Every page is built from a `Story`; paragraphs that start with "•" become list items.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from html import escape


@dataclass(frozen=True)
class Story:
    paragraphs: list[str]
    title: str
    outlet: str | None = None
    date: dt.date | None = None
    url: str | None = None
    language: str | None = None
    #: Whether the page shows the headline (an <h1>); else it is only the window title.
    shows_headline: bool = True
    author: str = "La rédaction"
    extra: dict[str, str] = field(default_factory=dict)


def _body(story: Story) -> str:
    out: list[str] = []
    items: list[str] = []
    for paragraph in story.paragraphs:
        if paragraph.lstrip().startswith("•"):
            items.append(f"<li>{escape(paragraph.lstrip().lstrip('•').strip())}</li>")
            continue
        if items:
            out.append("<ul>" + "".join(items) + "</ul>")
            items = []
        out.append(f"<p>{escape(paragraph)}</p>")
    if items:
        out.append("<ul>" + "".join(items) + "</ul>")
    return "\n".join(out)


def _lang(story: Story) -> str:
    return f' lang="{escape(story.language)}"' if story.language else ""


def wordpress_page(story: Story) -> str:
    site = escape(story.outlet or "")
    title = escape(story.title)
    url = escape(story.url or "")
    iso = story.date.isoformat() if story.date else ""
    headline = f'<h1 class="entry-title">{title}</h1>' if story.shows_headline else ""
    dated = (
        f'<span class="posted-on">Publié le <time class="entry-date published" datetime="{iso}T08:30:00+02:00">'
        f"{iso}</time></span>"
        if story.date
        else ""
    )
    meta_date = f'<meta property="article:published_time" content="{iso}T08:30:00+02:00">' if story.date else ""
    return f"""<!DOCTYPE html>
<html{_lang(story)}>
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} &#8211; {site}</title>
<meta property="og:type" content="article">
<meta property="og:site_name" content="{site}">
<meta property="og:title" content="{title}">
<meta property="og:url" content="{url}">
{meta_date}
<link rel="canonical" href="{url}">
<link rel="stylesheet" href="/wp-content/themes/twentytwenty/style.css">
<script src="/wp-includes/js/jquery/jquery.min.js"></script>
</head>
<body class="post-template-default single single-post postid-4812 single-format-standard">
<div id="cookie-law-info-bar" class="cookie-notice-container">
<span>Ce site utilise des cookies pour améliorer votre expérience de navigation. En poursuivant, vous acceptez leur utilisation.</span>
<a role="button" class="cli_action_button">Accepter</a> <a role="button">Paramètres</a>
</div>
<a class="skip-link screen-reader-text" href="#content">Aller au contenu</a>
<header id="masthead" class="site-header">
<div class="site-branding"><p class="site-title"><a href="/" rel="home">{site}</a></p>
<p class="site-description">L'actualité de l'Est, chaque jour</p></div>
<nav id="site-navigation" class="main-navigation" aria-label="Menu principal">
<ul id="primary-menu" class="menu"><li><a href="/">Accueil</a></li><li><a href="/category/monde/">Monde</a></li>
<li><a href="/category/europe/">Europe</a></li><li><a href="/category/economie/">Économie</a></li>
<li><a href="/category/culture/">Culture</a></li><li><a href="/contact/">Contact</a></li></ul></nav>
</header>
<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main">
<article id="post-4812" class="post-4812 post type-post status-publish format-standard hentry category-monde">
<header class="entry-header">
<div class="entry-categories"><a href="/category/monde/" rel="category tag">Monde</a></div>
{headline}
<div class="entry-meta">{dated} <span class="byline">par <span class="author vcard"><a class="url fn n" href="/author/redaction/">{escape(story.author)}</a></span></span></div>
</header>
<div class="entry-content">
{_body(story)}
<div class="code-block code-block-3"><ins class="adsbygoogle" data-ad-client="ca-pub-000"></ins><div class="advertisement"><p>Publicité</p></div></div>
<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Partager :</h3><ul><li><a href="#">Facebook</a></li><li><a href="#">X</a></li><li><a href="#">WhatsApp</a></li></ul></div>
</div>
<footer class="entry-footer"><span class="cat-links">Publié dans <a href="/category/monde/">Monde</a></span>
<span class="tags-links">Étiquettes : <a href="/tag/europe/" rel="tag">Europe</a></span></footer>
</article>
<nav class="navigation post-navigation" aria-label="Articles"><div class="nav-links">
<div class="nav-previous"><a href="/2025/09/14/precedent/">Article précédent : La Pologne renforce sa frontière avec 40 000 soldats</a></div>
<div class="nav-next"><a href="/2025/09/16/suivant/">Article suivant : Le prix du gaz baisse de 12 %</a></div></div></nav>
<div id="jp-relatedposts" class="jp-relatedposts"><h3 class="jp-relatedposts-headline">Articles similaires</h3>
<div class="jp-relatedposts-items"><p><a href="/a/">Minsk annonce 300 observateurs étrangers</a></p><p><a href="/b/">Dix pays rappellent leur ambassadeur</a></p></div></div>
<div id="comments" class="comments-area">
<h2 class="comments-title">3 réponses à « {title} »</h2>
<ol class="comment-list">
<li id="comment-77" class="comment even thread-even depth-1"><article class="comment-body">
<footer class="comment-meta"><div class="comment-author vcard"><b class="fn">Gérard</b> <span class="says">dit :</span></div>
<div class="comment-metadata"><time datetime="2025-09-18T21:04:00+02:00">18 septembre 2025 à 21 h 04 min</time></div></footer>
<div class="comment-content"><p>N'importe quoi, ils étaient au moins 50 pays, et 200 000 soldats !</p></div>
<div class="reply"><a class="comment-reply-link" href="#">Répondre</a></div></article></li>
<li id="comment-78" class="comment odd alt thread-odd depth-1"><article class="comment-body">
<footer class="comment-meta"><div class="comment-author vcard"><b class="fn">Sylvie M.</b> <span class="says">dit :</span></div></footer>
<div class="comment-content"><p>Merci pour cet article très clair, Vladimir Poutine doit être ravi.</p></div></article></li>
</ol>
<div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">Laisser un commentaire</h3>
<form id="commentform" class="comment-form"><p class="comment-notes">Votre adresse e-mail ne sera pas publiée.</p>
<textarea id="comment" name="comment"></textarea><input type="submit" value="Laisser un commentaire"></form></div>
</div>
</main></div>
<aside id="secondary" class="widget-area">
<section id="search-2" class="widget widget_search"><form role="search"><input type="search" placeholder="Rechercher…"></form></section>
<section id="recent-posts-2" class="widget widget_recent_entries"><h2 class="widget-title">Articles récents</h2>
<ul><li><a href="/c/">Grève : 120 vols annulés à Orly</a></li><li><a href="/d/">Le Sénat adopte le budget par 210 voix</a></li></ul></section>
<section id="custom_html-3" class="widget_text widget widget_custom_html"><div class="textwidget custom-html-widget"><div class="ad-container">Publicité</div></div></section>
</aside></div>
<footer id="colophon" class="site-footer"><div class="site-info">© 2025 {site} · <a href="/mentions-legales/">Mentions légales</a> · Fièrement propulsé par WordPress</div></footer>
<script src="/wp-content/plugins/jetpack/_inc/build/sharedaddy/sharing.min.js"></script>
</body>
</html>
"""


def news_page(story: Story) -> str:
    title = escape(story.title)
    outlet = story.outlet or ""
    linked: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": story.title,
        "author": [{"@type": "Person", "name": story.author}],
        "publisher": {"@type": "Organization", "name": outlet, "logo": {"@type": "ImageObject", "url": "/logo.png"}},
        "isAccessibleForFree": True,
    }
    if story.url:
        linked["mainEntityOfPage"] = {"@type": "WebPage", "@id": story.url}
    if story.date:
        linked["datePublished"] = f"{story.date.isoformat()}T07:12:00Z"
        linked["dateModified"] = f"{(story.date + dt.timedelta(days=2)).isoformat()}T16:40:00Z"
    if story.language:
        linked["inLanguage"] = story.language
    headline = f"<h1 class=\"article__title\">{title}</h1>" if story.shows_headline else ""
    data = json.dumps(linked, ensure_ascii=False).replace("</", "<\\/")
    return f"""<!doctype html>
<html{_lang(story)} class="no-js">
<head>
<meta charset="utf-8">
<title>{title} | {escape(outlet)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="Toute l'actualité en continu.">
<script type="application/ld+json">{data}</script>
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": []}}</script>
<script>window.dataLayer = window.dataLayer || []; window.dataLayer.push({{"page": "article"}});</script>
<style>.consent{{position:fixed}}</style>
</head>
<body class="page-article">
<div id="didomi-host" class="consent-banner" role="dialog" aria-label="Consentement">
<div class="consent-popup"><p>Avec votre accord, nous et nos 812 partenaires utilisons des cookies ou technologies similaires pour stocker et accéder à des informations personnelles comme votre visite sur ce site.</p>
<button class="consent-accept">Accepter et fermer</button><button class="consent-settings">Paramétrer les cookies</button><button>Continuer sans accepter</button></div></div>
<div class="ad-slot ad-slot--banner" id="ad-banner-top"><span class="ad-label">Publicité</span><div id="div-gpt-ad-1"></div></div>
<header class="header" role="banner"><a class="header__logo" href="/">{escape(outlet)}</a>
<nav class="nav-main" role="navigation"><ul><li><a href="/international/">International</a></li><li><a href="/politique/">Politique</a></li>
<li><a href="/societe/">Société</a></li><li><a href="/economie/">Économie</a></li><li><a href="/sport/">Sport</a></li></ul></nav>
<div class="header__subscribe"><a href="/abonnement/">S'abonner</a> <a href="/connexion/">Se connecter</a></div></header>
<main id="main" class="layout">
<ol class="breadcrumb"><li><a href="/">Accueil</a></li><li><a href="/international/">International</a></li></ol>
<article class="article article--news">
{headline}
<div class="article__meta"><span class="meta__author">Par {escape(story.author)}</span>
<span class="meta__date">Publié le {story.date.isoformat() if story.date else ""} à 09 h 12, mis à jour à 18 h 40</span>
<span class="meta__reading-time">Lecture 3 min.</span></div>
<div class="share-buttons"><a href="#">Partager</a> <a href="#">Facebook</a> <a href="#">X</a> <a href="#">E-mail</a></div>
<section class="article__content">
{_body(story)}
</section>
<div class="inread-ad ad-slot" id="ad-inread"><span>Publicité</span></div>
<aside class="newsletter-box"><p>Inscrivez-vous gratuitement à notre newsletter du matin : l'essentiel de l'actualité à 7 heures.</p>
<form><input type="email" placeholder="Votre e-mail"><button>S'inscrire</button></form></aside>
</article>
<section class="related-articles"><h2>Sur le même sujet</h2><ul>
<li><a href="/international/a/">Trois questions sur les 13 000 soldats déployés</a></li>
<li><a href="/international/b/">Minsk accueille 300 journalistes étrangers</a></li></ul></section>
<section class="comments" id="comments"><h2>Réactions (2)</h2>
<div class="comment"><p class="comment__author">Lecteur75</p><p class="comment__text">Encore un article partial. Il y avait 25 pays, pas 20.</p></div>
<div class="comment"><p class="comment__author">Marc D.</p><p class="comment__text">Le 12 septembre ? Non, tout a commencé le 10.</p></div></section>
<div class="outbrain-widget OUTBRAIN" data-widget-id="AR_1"><p>Contenu sponsorisé</p><p><a href="#">Ce retraité a trouvé 3 000 euros dans son grenier</a></p></div>
</main>
<footer class="footer" role="contentinfo"><ul><li><a href="/qui-sommes-nous/">Qui sommes-nous ?</a></li><li><a href="/cgu/">CGU</a></li></ul>
<p>© {escape(outlet)} 2025 — Tous droits réservés</p></footer>
</body>
</html>
"""


def blog_page(story: Story) -> str:
    title = escape(story.title)
    dated = f"<p><i>Posted {story.date.strftime('%d %B %Y')}</i></p>" if story.date else ""
    headline = f"<h1>{title}</h1>" if story.shows_headline else ""
    return f"""<html{_lang(story)}>
<head>
<title>{title}</title>
<link rel="stylesheet" href="style.css">
</head>
<body>
<div id="top"><a href="index.html">home</a> | <a href="archive.html">archive</a> | <a href="about.html">about me</a></div>
<div id="cookies"><small>This site uses cookies. By reading on you accept them. <a href="privacy.html">OK</a></small></div>
<div class="post">
{headline}
{dated}
{_body(story)}
</div>
<div class="related"><p>Related: <a href="p1.html">Last year's budget</a>, <a href="p2.html">The 2019 floods</a></p></div>
<div class="comments">
<h3>4 comments</h3>
<div class="comment"><p><b>Tom</b> wrote: Thanks. My uncle says it was 12, not 7.</p></div>
<div class="comment"><p><b>Anna</b> wrote: Great post!</p></div>
</div>
<div class="sidebar"><h4>Archives</h4><ul><li>March 2024 (3)</li><li>February 2024 (5)</li></ul>
<p><small>Blogroll: <a href="https://example.org">a friend's blog</a> &middot; <a href="feed.xml">RSS</a></small></p></div>
</body>
</html>
"""


LAYOUTS = {"wordpress": wordpress_page, "news": news_page, "blog": blog_page}
