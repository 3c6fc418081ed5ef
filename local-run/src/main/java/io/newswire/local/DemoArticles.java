package io.newswire.local;

import java.util.List;

/** A few stories for the local run, in the languages and scripts a newsroom actually publishes. */
final class DemoArticles {

    static final List<String> ALL = List.of("""
            {"url": "https://news.example/city/tram-line-opens",
             "title": "New tram line opens across the river",
             "summary": "The 12-kilometre line links the old town with the new hospital.",
             "contentHtml": "<p>The first trams ran at dawn. <a href=\\"/city/tram-map\\">See the map</a>.</p>",
             "authors": [{"name": "Dana Novak"}], "categories": ["City"], "tags": ["transport", "trams"],
             "language": "en",
             "leadImage": {"url": "https://news.example/img/tram.jpg", "altText": "A green tram on a bridge at sunrise",
                           "mediaType": "image/jpeg", "width": 1600, "height": 900}}
            """, """
            {"url": "https://news.example/kk/economy/harvest",
             "title": "Астық жинау науқаны аяқталды",
             "summary": "Биыл елде 20 миллион тоннадан астам астық жиналды.",
             "contentHtml": "<p>Ауыл шаруашылығы министрлігінің мәліметі бойынша, егін жинау аяқталды.</p>",
             "authors": [{"name": "Айгерім Сапарова"}], "categories": ["Economy"], "tags": ["agriculture"],
             "language": "kk"}
            """, """
            {"url": "https://news.example/science/comet",
             "title": "Comet visible to the naked eye this week 🌠",
             "summary": "Look north-west an hour after sunset.",
             "contentHtml": "<p>Astronomers say the comet will be brightest on Thursday.</p>",
             "authors": [{"name": "Lee Min-jun"}], "categories": ["Science"], "tags": ["space"],
             "language": "en"}
            """);

    private DemoArticles() {
    }
}
