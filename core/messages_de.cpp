// The German message catalog: the keys, placeholders, markup and emoji of messages_en.cpp, in the
// informal "du" that Slack's German interface uses. Command names, subcommands, config keys and the
// values people type after them (daily, none, medium…) stay English because the parser only knows
// those.
#include "core/i18n.hpp"

namespace csibot::core {

const catalog& german_catalog() {
  static const catalog texts = {
      // The feedback conversation (SPEC §3).
      {"flow.header", "Feedback zu {service}"},
      {"flow.choose.header", "Feedback geben"},
      {"flow.choose.text",
       "Zu welchem Service möchtest du Feedback geben? Wähle einen aus oder tippe seinen Namen oder seine "
       "Nummer:"},
      {"flow.choose.empty", "Im Katalog gibt es noch keine Services, zu denen du Feedback geben könntest."},
      {"flow.choose.unknown", "Einen Service namens *{typed}* kenne ich nicht. Wähle einen aus der Liste:"},
      {"flow.choose.did_you_mean",
       "*{typed}* kenne ich nicht. Meinst du *{name}* (`{id}`)? Antworte mit *ja* oder tippe einen anderen "
       "Namen."},
      {"flow.choose.chosen", "Feedback zu *{service}*"},
      {"flow.rating.question.csat5",
       "Wie zufrieden bist du mit *{service}*? (1 = sehr unzufrieden, 5 = sehr zufrieden)"},
      {"flow.rating.question.nps10",
       "Wie wahrscheinlich ist es, dass du *{service}* einer Kollegin oder einem Kollegen empfiehlst? (0 = "
       "überhaupt nicht, 10 = äußerst wahrscheinlich)"},
      {"flow.rating.question.ces7",
       "„Mit *{service}* konnte ich leicht erledigen, was ich brauchte.“ Wie sehr stimmst du zu? (1 = stimme "
       "überhaupt nicht zu, 7 = stimme voll und ganz zu)"},
      {"flow.rating.question.thumbs", "Funktioniert *{service}* gut für dich?"},
      {"flow.rating.invalid", "Bitte antworte mit einer ganzen Zahl von {min} bis {max}."},
      {"flow.rating.invalid_thumbs", "Bitte antworte mit 👍 oder 👎 (oder *ja* / *nein*)."},
      {"flow.reason.kept",
       "Deinen Kommentar habe ich als Grund für deine Bewertung behalten, es fehlt nur noch die Bewertung."},
      {"flow.reason.question", "Was ist der Hauptgrund für deine Bewertung? (oder *überspringen*)"},
      {"flow.impact.question", "Wie wirkt sich das auf deine Arbeit aus?"},
      {"flow.impact.blocks", "Blockiert mich"},
      {"flow.impact.slows", "Bremst mich aus"},
      {"flow.impact.minor", "Geringfügig"},
      {"flow.impact.none", "Keine Auswirkung"},
      {"flow.impact.invalid",
       "Bitte wähle einen Button oder tippe 1 (blockiert mich), 2 (bremst mich aus), 3 (geringfügig), 4 "
       "(keine Auswirkung) oder *überspringen*."},
      {"flow.usage.question", "Eine letzte Frage: Wofür nutzt du *{service}*? (oder *überspringen*)"},
      {"flow.thanks",
       "Danke! Dein Feedback zu {service} hat die Nummer *#{id}*. Ich sage dir Bescheid, wenn es zu einer "
       "Änderung führt."},
      {"flow.thanks.link",
       "Danke! Dein Feedback zu {service} hat die Nummer *#{id}*. Es ist nicht mit dir verknüpft: Ob es zu "
       "einer Änderung führt, kann ich dir nur sagen, wenn du dem Owner Antworten erlaubst."},
      {"flow.thanks.unlinked",
       "Danke! Dein Feedback zu {service} hat die Nummer *#{id}*. Es ist nicht mit dir verknüpft, deshalb "
       "kann ich dir nicht persönlich Bescheid sagen, wenn es zu einer Änderung führt."},
      {"flow.thanks.opted_out",
       "Danke! Dein Feedback zu {service} hat die Nummer *#{id}*. Du hast Nachrichten von mir abbestellt, "
       "darum sage ich dir nicht Bescheid, wenn es zu einer Änderung führt; `{command} optin` schaltet das "
       "wieder ein."},
      {"flow.recorded", "Als Feedback *#{id}* gespeichert: {service}, {rating}."},
      {"flow.note.identified",
       "Die Owner dieses Services sehen, von wem dieses Feedback kommt. Tippe jederzeit *abbrechen*, um "
       "aufzuhören."},
      {"flow.note.pseudonymous",
       "Deine Antworten zu {service} sind pseudonym: Die Owner sehen die Zahlen, aber nie, von wem sie "
       "stammen. Tippe *abbrechen*, um aufzuhören."},
      {"flow.note.anonymous",
       "Deine Antworten zu {service} sind anonym: Es wird nichts gespeichert, was sie mit dir verbindet. "
       "Tippe *abbrechen*, um aufzuhören."},
      {"flow.note.local_history",
       "Dieser Web-Chat bewahrt das Gespräch selbst als Verlauf unter deinem Namen auf, bis der Befehl "
       "*forget-me* oder die Aufbewahrungsfrist es löscht."},
      {"flow.truncated",
       "Deine Antwort war länger als {max} Zeichen, deshalb habe ich die ersten {max} behalten."},
      {"flow.empty", "Bitte tippe eine Antwort, *überspringen* oder *abbrechen*, um aufzuhören."},
      {"flow.answered", "Deine Wahl: {choice}"},
      {"flow.stale", "Diese Frage ist schon beantwortet."},
      {"flow.stale.closed",
       "Dieses Gespräch ist vorbei: Es wurde abgeschlossen, abgebrochen oder nach einer Weile ohne Antwort "
       "geschlossen (was du angegeben hast, bleibt gespeichert). Schreib mir oder nutze `{command} "
       "feedback`, um neu zu beginnen."},
      {"flow.cancelled.kept",
       "Abgebrochen. Was du bisher angegeben hast, bleibt als Feedback *#{id}* erhalten."},
      {"flow.service_gone.kept",
       "Der Service `{service}` ist nicht mehr im Katalog, darum endet dieses Gespräch hier. Was du "
       "angegeben hast, diese Antwort eingeschlossen, ist als Feedback *#{id}* gespeichert."},
      {"flow.service_gone.nothing",
       "Der Service `{service}` ist nicht mehr im Katalog, darum endet dieses Gespräch hier. Es wurde nichts "
       "gespeichert."},
      {"flow.cancelled.nothing", "Abgebrochen. Es wurde nichts gespeichert."},
      {"flow.button.skip", "Überspringen"},
      {"flow.button.cancel", "Abbrechen"},
      {"flow.dm_sent", "Ich habe dir die Fragen per Direktnachricht geschickt."},
      {"flow.continue_in_dm",
       "Als Feedback *#{id}* gespeichert. Ich habe dir per Direktnachricht noch ein paar Fragen geschickt."},
      {"flow.no_conversation", "Es läuft kein Feedback-Gespräch, das du abbrechen könntest."},
      {"flow.expired.kept",
       "Dein letztes Gespräch, über *{service}*, wurde nach {period} ohne Antwort geschlossen. Was du "
       "angegeben hast, bleibt als Feedback *#{id}* erhalten."},
      {"flow.expired.nothing",
       "Dein letztes Gespräch, über *{service}*, wurde nach {period} ohne Antwort geschlossen, bevor etwas "
       "gespeichert war."},
      {"flow.expired.nothing_chosen",
       "Dein letztes Gespräch wurde nach {period} ohne Antwort geschlossen, bevor etwas gespeichert war."},
      {"flow.replaced.kept",
       "Dein vorheriges Gespräch, über *{service}*, ist geschlossen. Was du angegeben hast, bleibt als "
       "Feedback *#{id}* erhalten."},
      {"flow.replaced.nothing",
       "Dein vorheriges Gespräch, über *{service}*, ist geschlossen, bevor etwas gespeichert war."},
      {"flow.replaced.nothing_chosen",
       "Dein vorheriges Gespräch ist geschlossen, bevor etwas gespeichert war."},
      {"flow.hello",
       "Hallo! Ich sammle Feedback zu den IT-Services, die du nutzt. Tippe `{command} help`, um zu sehen, "
       "was ich kann."},

      // Commands (SPEC §8).
      {"cmd.unknown",
       "Den Befehl *{typed}* kenne ich nicht. Meinst du `{command} {suggestion}`? Mit `{command} help` "
       "siehst du alle Befehle."},
      {"help.unknown_topic", "Es gibt keinen Befehl *{typed}*. Meinst du `{command} {suggestion}`?"},
      {"help.unknown_topic_no_suggestion", "Es gibt keinen Befehl *{typed}*. Das sind die Befehle:"},
      {"service.verb_suggest",
       "Es gibt keinen Service namens *{typed}*. Meinst du `{command} service {suggestion}`?"},
      {"cmd.unknown_no_suggestion",
       "Den Befehl *{typed}* kenne ich nicht. Mit `{command} help` siehst du alle Befehle."},
      {"cmd.usage", "Verwendung: `{usage}`"},
      {"cmd.no_service", "Es gibt keinen Service namens *{typed}*."},
      {"cmd.no_service_suggest", "Es gibt keinen Service namens *{typed}*. Meinst du *{id}* ({name})?"},
      {"cmd.bad_period",
       "Den Zeitraum *{typed}* verstehe ich nicht. Versuch es mit `7d`, `30d`, `2026-Q3`, `2026-10` oder "
       "`since:2026-10-01`."},
      {"cmd.too_many_args", "Das ist mehr, als `{usage}` erwartet."},
      {"help.header", "csibot – Feedback zu den IT-Services, die du nutzt"},
      {"help.text", "Befehle (mit `{command} help <Befehl>` siehst du die Details):"},
      {"help.context", "Die Antworten auf diese Befehle siehst nur du."},
      {"help.help", "Die Befehle anzeigen oder die Details zu einem davon"},
      {"help.services", "Die Services im Katalog auflisten"},
      {"help.service",
       "Einen Service anzeigen: Zweck, aktuelle Zahlen, Ziel, Verbesserungen; `add`, `set`, `remove` ändern "
       "den Katalog (Admins, Owner für ihre eigenen)"},
      {"help.feedback", "Feedback zu einem Service geben, Schritt für Schritt oder in einer Zeile"},
      {"help.stats", "Zahlen zu einem Service oder zum ganzen Katalog über einen Zeitraum (Standard 30d)"},
      {"help.cancel", "Das laufende Feedback-Gespräch beenden (was du angegeben hast, bleibt erhalten)"},
      {"help.digest",
       "Der Verbesserungs-Digest für einen Service oder den Katalog (Standard 30d); --here postet ihn in den "
       "Channel"},
      {"help.subscribe",
       "Den Digest regelmäßig in diesem Channel posten (daily, weekly, monthly oder Cron; Standard weekly, "
       "7d)"},
      {"help.unsubscribe", "Die Digest-Abos dieses Channels beenden (alle oder die der genannten Services)"},
      {"services.header", "Servicekatalog"},
      {"services.empty", "Der Katalog ist leer."},
      {"services.col.id", "ID"},
      {"services.col.name", "Name"},
      {"services.col.criticality", "Kritikalität"},
      {"services.col.scale", "Skala"},
      {"services.col.owners", "Owner"},
      {"services.context",
       "{count} Services. `{command} service <id>` zeigt einen an, `{command} feedback <id>` bewertet ihn."},
      {"service.purpose", "Zweck (Vision)"},
      {"service.now", "Wo wir jetzt stehen ({period})"},
      {"service.target", "Wo wir hinwollen"},
      {"service.how", "Wie wir dorthin kommen"},
      {"service.done", "Sind wir angekommen?"},
      {"service.next_digest", "Nächster Digest"},
      {"service.criticality", "Kritikalität"},
      {"service.functions", "Geschäftsfunktionen"},
      {"service.owners", "Owner"},
      {"service.anonymity", "Anonymität"},
      {"service.no_target", "Kein Ziel festgelegt"},
      {"service.target_csat", "CSAT ≥ {target} %"},
      {"service.target_value", "≥ {target}"},
      {"service.target_met", "{target} – erreicht"},
      {"service.target_not_met", "{target} – noch nicht erreicht"},
      {"service.no_improvements", "Noch keine offenen Verbesserungen."},
      {"service.no_verified", "Noch keine bestätigten Verbesserungen."},
      {"service.no_digest", "Kein Digest enthält diesen Service."},
      {"service.digest", "{schedule} in {channel} ({period})"},
      {"service.digest_next", ", nächster: {next}"},
      {"service.none", "keine"},
      {"service.admin.usage",
       "Verwendung: `{command} service add <id> <name…>` (Admins), `{command} service set <id> <feld> "
       "<wert…>` oder `{command} service remove <id>` (Owner des Services und Admins). Felder: name, "
       "description, purpose, criticality, business_functions (kommagetrennt), owners, customers "
       "(platform:id, kommagetrennt), target (oder none), tags."},
      {"service.add.bad_id",
       "`{id}` kann keine Service-ID sein: Erlaubt sind Kleinbuchstaben, Ziffern, `-` und `_`, am Anfang ein "
       "Buchstabe oder eine Ziffer, höchstens 64 Zeichen."},
      {"service.add.exists", "Es gibt schon einen Service `{id}` (*{name}*)."},
      {"service.add.done",
       "*{name}* (`{id}`) hinzugefügt: Kritikalität medium, Bewertung als CSAT 1–5, Feedback mit Namen. "
       "Owner, Zweck und alles Weitere legst du mit `{command} service set {id} <feld> <wert…>` fest, bis "
       "zur "
       "ersten Antwort auch Skala und Anonymität."},
      {"service.set.empty", "Der Name eines Services darf nicht leer sein."},
      {"service.set.empty_list",
       "Eine leere Liste {field} würde sie leeren. Um sie zu leeren, schreib `{command} service set {id} "
       "{field} none`."},
      {"service.set.no_owners",
       "*{name}* hat jetzt keine Owner mehr: Ab jetzt kann nur noch ein Admin den Service ändern."},
      {"service.name_cut", "Der Name war länger als {max} Zeichen, ich habe die ersten {max} behalten."},
      {"service.set.criticality", "Die Kritikalität ist low, medium, high oder critical."},
      {"service.set.ref",
       "`{typed}` ist weder eine Person noch ein Channel: Schreib es als platform:id, z. B. slack:U0123."},
      {"service.set.target", "Das Ziel ist ein Prozentwert über 0 und höchstens 100, oder none."},
      {"service.set.target_nps", "Das Ziel eines NPS-Services liegt zwischen -100 und 100, oder none."},
      {"service.set.fixed",
       "Das Feld {field} eines Services steht nur in der Konfigurationsdatei: Eine Änderung hier würde "
       "Antworten vermischen, die unter verschiedenen Zusagen gegeben wurden."},
      {"service.set.answered",
       "*{name}* hat schon Antworten, deshalb bleibt {field}, wie es ist: Eine Änderung würde Antworten "
       "mischen, die unter verschiedenen Zusagen gegeben wurden."},
      {"service.set.scale", "Eine Skala ist csat5, nps10, ces7 oder thumbs."},
      {"service.set.anonymity", "Feedback ist identified, pseudonymous oder anonymous."},
      {"service.set.digest_channel",
       "Der Digest-Channel eines Services steht in der Konfigurationsdatei; für einen Digest in einem "
       "Channel tippe jetzt dort `{command} subscribe <service>`."},
      {"service.set.unknown_field",
       "Ein Feld `{typed}` gibt es nicht. Felder: name, description, purpose, criticality, "
       "business_functions, owners, customers, target, tags; scale und anonymity bis zur ersten Antwort."},
      {"service.set.done", "*{name}* (`{id}`): {field} geändert."},
      {"service.set.target_dropped",
       "Sein Ziel ({target} auf der alten Skala) bedeutet auf der neuen nichts und ist daher entfernt: "
       "Setze ein neues mit `{command} service set {id} target <Zahl>`."},
      {"service.set.from_config",
       "Der Service stammt aus der Konfigurationsdatei: Die Änderung gilt, bis sein Eintrag dort geändert "
       "wird."},
      {"service.remove.from_config",
       "*{name}* (`{id}`) stammt aus der Konfigurationsdatei: Entferne seinen Eintrag dort, dann "
       "verschwindet er beim nächsten Start aus dem Katalog."},
      {"service.remove.done", "*{name}* (`{id}`) aus dem Katalog entfernt. Sein Feedback bleibt erhalten."},
      {"service.usage", "Wofür er genutzt wird ({period})"},
      {"service.impact", "Auswirkung auf die Arbeit ({period})"},
      {"service.nobody_said", "Noch keine Angaben."},
      {"service.of_answers", "(von {n} Antworten mit Angabe)"},
      {"stats.header", "Feedback-Zahlen, {period}"},
      {"stats.header_service", "{service}: Feedback-Zahlen, {period}"},
      {"stats.col.service", "Service"},
      {"stats.col.n", "n"},
      {"stats.col.score", "Wert"},
      {"stats.col.interval", "95-%-Intervall"},
      {"stats.col.mean", "Mittel"},
      {"stats.responses", "Antworten"},
      {"stats.score", "Wert"},
      {"stats.interval", "95-%-Intervall"},
      {"stats.mean", "Mittlere Bewertung"},
      {"stats.change", "Veränderung gegenüber dem vorigen Zeitraum"},
      {"stats.weekly", "Wöchentlich"},
      {"stats.response", "Antwortquote"},
      {"stats.response_rate", "{rate} % ({answered} von {sent} Anfragen beantwortet)"},
      {"stats.response_na", "k. A. (keine Anfragen gesendet)"},
      {"stats.impact", "Auswirkung auf die Arbeit"},
      {"stats.none", "Keine Antworten in diesem Zeitraum."},
      {"stats.too_few", "zu wenige Antworten"},
      {"stats.too_few_context",
       "Zahlen aus weniger als {min} Antworten werden bei pseudonymen und anonymen Services ausgeblendet, "
       "damit niemand erkennbar wird."},
      {"period.range", "{from} bis {to}."},
      {"period.up_to", "Alle Antworten bis {to}."},
      {"stats.context",
       "{range} Wert: CSAT = Anteil 4–5 auf 1–5; NPS = Promotoren − Detraktoren auf 0–10; CES = "
       "Anteil 6–7 auf 1–7; bei Daumen hoch/runter der Anteil 👍."},
      {"stats.no_services", "Der Katalog ist leer, also gibt es keine Zahlen."},
      {"error.internal",
       "Bei mir ist etwas schiefgelaufen (Anfrage {request}). Das ist protokolliert; bitte versuch es noch "
       "einmal."},

      // Permissions (SPEC §12).
      {"perm.admins_only", "Nur ein Admin ({admins}) darf {action}."},
      {"perm.owners_or_admins",
       "Nur ein Owner von {services} ({owners}) oder ein Admin ({admins}) darf {action}."},
      {"perm.no_admins", "keine in `bot.admins` eingetragen"},
      {"perm.no_owners", "keine Owner eingetragen"},
      {"perm.action.post_digest", "einen Digest in einen Channel posten"},
      {"perm.action.subscribe", "Digests für einen Channel abonnieren"},
      {"perm.action.add_service", "einen Service zum Katalog hinzufügen"},
      {"perm.action.set_service", "diesen Service ändern"},
      {"perm.action.remove_service", "diesen Service aus dem Katalog entfernen"},
      {"perm.action.unsubscribe", "dieses Abo beenden"},

      // Digest subscriptions (SPEC §7).
      {"subscribe.all_services", "alle Services"},
      {"subscribe.describe",
       "{services}: `{schedule}` ({timezone}), jeweils die letzten {period}; nächster: {next}"},
      {"subscribe.done", "{user} hat für diesen Channel den Digest von {what} abonniert."},
      {"subscribe.context",
       "`{command} unsubscribe` beendet das Abo; `{command} digest` zeigt sofort einen Digest."},
      {"subscribe.already", "Dieser Channel bekommt diesen Digest schon: {what}."},
      {"cron.field_count", "5 Felder erwartet (Minute Stunde Tag Monat Wochentag), gefunden: {count}"},
      {"cron.field.minute", "Minute"},
      {"cron.field.hour", "Stunde"},
      {"cron.field.day_of_month", "Tag"},
      {"cron.field.month", "Monat"},
      {"cron.field.day_of_week", "Wochentag"},
      {"cron.empty_item", "Feld {field} hat einen leeren Listeneintrag"},
      {"cron.not_a_number", "Feld {field}: „{typed}“ ist keine Zahl"},
      {"cron.not_a_number_or_name", "Feld {field}: „{typed}“ ist weder Zahl noch Name"},
      {"cron.out_of_range", "Feld {field}: {typed} liegt nicht zwischen {min} und {max}"},
      {"cron.bad_step", "Feld {field}: Schrittweite „{typed}“ muss eine Zahl von 1 bis {max} sein"},
      {"cron.backwards", "Feld {field}: Bereich „{typed}“ läuft rückwärts"},
      {"subscribe.unknown_named_schedule",
       "*{typed}* ist weder ein Service noch ein Zeitplan. Zeitpläne: daily, weekly, monthly oder Cron mit 5 "
       "Feldern in Anführungszeichen (\"0 * * * *\" ist stündlich)."},
      {"subscribe.unknown_timezone",
       "*{typed}* ist weder ein Service noch eine mir bekannte Zeitzone. Zeitzonen sind IANA-Namen wie "
       "Europe/Berlin, America/New_York oder UTC."},
      {"subscribe.bad_period",
       "*{typed}* ist kein Zeitraum. Ein Zeitraum ist eine Länge wie 1d, 7d, 4w oder 30d (Einheiten m, h, "
       "d, w)."},
      {"subscribe.second_period",
       "*{typed}* ist ein zweiter Zeitraum: Ein Digest umfasst einen (hier {period})."},
      {"subscribe.bad_schedule",
       "*{typed}* ist kein Zeitplan: {why}. Verwende daily, weekly, monthly oder Cron mit 5 Feldern."},
      {"subscribe.never_fires",
       "Er läuft nie, denn keiner seiner Monate hat einen seiner Tage (wie der 30. Februar oder der 31. "
       "April)"},
      {"unsubscribe.done", "{user} hat {count} Digest-Abo(s) dieses Channels beendet:"},
      {"unsubscribe.none", "Dieser Channel hat keine Digest-Abos, die mit `subscribe` angelegt wurden."},
      {"unsubscribe.none_for", "Dieser Kanal hat kein Digest-Abo für {services}. Er hat:"},
      {"unsubscribe.only_config",
       "Die Digests dieses Channels stammen aus der Konfigurationsdatei (`[[digest]]`); ein Admin muss sie "
       "dort entfernen."},
      {"unsubscribe.config_kept",
       "Digests aus der Konfigurationsdatei (`[[digest]]`) laufen weiter; ein Admin muss sie dort "
       "entfernen."},

      // Insights and digests (SPEC §5, §7).
      {"digest.header", "CSI-Digest, {period}"},
      {"digest.empty", "Der Katalog ist leer, also gibt es nichts zu berichten."},
      {"digest.undelivered",
       "Der von dir abonnierte Digest konnte nicht in den Channel {channel} gepostet werden ({date}): {why}. "
       "Das Abo: {what}"},
      {"digest.undelivered_help",
       "Ist csibot nicht Mitglied dieses Channels, lade es dort ein; der nächste Digest kommt dann wie "
       "geplant. `{command} unsubscribe` in diesem Channel beendet das Abo."},
      {"digest.button.feedback", "Feedback zu {service} geben"},
      {"digest.col.service", "Service"},
      {"digest.col.score", "Wert"},
      {"digest.col.change", "Veränderung"},
      {"digest.col.weeks", "Wochen"},
      {"digest.col.n", "n"},
      {"digest.col.target", "Ziel"},
      {"digest.no_answers", "keine Antworten"},
      {"digest.too_few", "zu wenige Antworten"},
      {"digest.weeks_too_few", "zu wenige Antworten pro Woche"},
      {"digest.score.csat5", "CSAT {score} %"},
      {"digest.score.nps10", "NPS {score}"},
      {"digest.score.ces7", "CES {score} %"},
      {"digest.score.thumbs", "👍 {score} %"},
      {"digest.change.better", "↑ besser ({delta})"},
      {"digest.change.worse", "↓ schlechter ({delta})"},
      {"digest.change.within_noise", "innerhalb der Streuung"},
      {"digest.change.too_few", "zu wenige Antworten für eine Aussage"},
      {"digest.change.no_previous", "keine früheren Antworten zum Vergleich"},
      {"digest.target.none", "–"},
      {"digest.target.met", "erreicht (≥ {target})"},
      {"digest.target.not_met", "nicht erreicht (≥ {target})"},
      {"digest.priorities.title", "Wo Verbesserungen am meisten bringen"},
      {"digest.priorities.line", "*{service}* – {why}"},
      {"digest.priorities.none", "In diesem Zeitraum zeigt kein Service Probleme."},
      {"digest.themes.title", "Was die Leute sagen"},
      {"digest.themes.line", "*{service}*: _{theme}_ ({count} Antworten, Mittel {mean}) – „{quote}“"},
      {"digest.themes.line_no_quote", "*{service}*: _{theme}_ ({count} Antworten, Mittel {mean})"},
      {"digest.retire.title", "Kandidaten für die Stilllegung"},
      {"digest.retire.line", "*{service}* – {why}"},
      {"digest.response.title", "Antwortquote"},
      {"digest.response.line", "*{service}*: {rate} % ({answered} von {sent} Anfragen beantwortet)"},
      {"digest.response.not_sent", "k. A. (keine Anfragen gesendet): {services}"},
      {"digest.response.none", "k. A.: In diesem Zeitraum wurden keine Feedback-Anfragen gesendet."},
      {"digest.context",
       "{range} Veränderung: z-Test des Anteils Zufriedener (beim NPS des NPS selbst) gegenüber dem "
       "vorigen Zeitraum (dem vorigen Monat, Quartal oder Jahr bei diesen, sonst der gleich langen Zeit "
       "davor); "
       "„besser“ oder „schlechter“ nur bei |z| ≥ 1,96, und kein Urteil, wenn eine "
       "Seite weniger als {min} Antworten hat. Wochen: der Wert jeder Woche, die älteste zuerst (· = keine "
       "oder zu wenige Antworten)."},
      {"insights.priority.why",
       "{criticality}, {unhappy} % unzufrieden; von den Antworten, die eine Auswirkung angeben, sagen {hurt} "
       "%, es blockiert oder bremst sie"},
      {"insights.priority.why_unstated",
       "{criticality}, {unhappy} % unzufrieden, Auswirkung nicht angegeben"},
      {"criticality.low", "niedrig"},
      {"criticality.medium", "mittel"},
      {"criticality.high", "hoch"},
      {"criticality.critical", "kritisch"},
      {"anonymity.identified", "identifiziert"},
      {"anonymity.pseudonymous", "pseudonym"},
      {"anonymity.anonymous", "anonym"},
      {"insights.criticality.low", "niedrige Kritikalität"},
      {"insights.criticality.medium", "mittlere Kritikalität"},
      {"insights.criticality.high", "hohe Kritikalität"},
      {"insights.criticality.critical", "geschäftskritisch"},
      {"insights.impact.blocks", "blockiert mich"},
      {"insights.impact.slows", "bremst mich aus"},
      {"insights.impact.minor", "geringfügig"},
      {"insights.impact.none", "keine Auswirkung"},
      {"insights.retire.why",
       "{share} % der Antworten, die eine Auswirkung angeben, sagen _keine Auswirkung_; insgesamt {n} "
       "Antworten (Median im Katalog: {median})"},

      // Proactive prompts (SPEC §4): why a prompt was sent, held back or dropped (dialog/prompt_policy).
      {"prompt.reason.allowed", "{user} darf jetzt zu {service} gefragt werden."},
      {"prompt.reason.opted_out",
       "{user} hat Anfragen abbestellt und wird daher nicht zu {service} gefragt."},
      {"prompt.reason.resolver", "{user} hat das Ticket selbst gelöst und wird daher nicht dazu gefragt."},
      {"prompt.reason.ticket_already_asked", "{user} wurde zu diesem {service}-Ticket schon gefragt."},
      {"prompt.reason.joined_after_pulse",
       "{user} ist nach dem Start dieser {service}-Umfrage dazugekommen und ist in dieser Runde nicht "
       "dabei."},
      {"prompt.reason.prompt_answered",
       "{user} hat die Anfrage zu {service} schon beantwortet; eine Erinnerung ist nicht nötig."},
      {"prompt.reason.already_reminded",
       "{user} wurde schon einmal an die Anfrage zu {service} erinnert; einmal reicht."},
      {"prompt.reason.conversation_open",
       "{user} ist gerade in einem Feedback-Gespräch; die Anfrage zu {service} wartet bis {until}."},
      {"prompt.reason.ticket_first",
       "Eine Ticket-Anfrage an {user} hat Vorrang; die {service}-Umfrage wartet bis {until}."},
      {"prompt.reason.cooldown",
       "{user} wurde kürzlich zu {service} gefragt; die nächste Anfrage wartet bis {until}."},
      {"prompt.reason.weekly_budget",
       "{user} hat das Wochenkontingent an Anfragen erreicht; die Anfrage zu {service} wartet bis {until}."},
      {"prompt.never.cooldown",
       "{user} wurde kürzlich zu {service} gefragt, und die Sperrfrist dauert zu lange, um diese Anfrage "
       "aufzuheben."},
      {"prompt.never.weekly_budget",
       "{user} hat das Wochenkontingent an Anfragen erreicht, und zwar länger, als es sich lohnt, die "
       "Anfrage zu {service} aufzuheben."},
      {"prompt.reason.quiet_hours",
       "Bei {user} ist gerade Ruhezeit; die Anfrage zu {service} wartet bis {until}."},
      {"prompt.reason.weekend", "Bei {user} ist Wochenende; die Anfrage zu {service} wartet bis {until}."},
      {"help.optout", "Proaktive Feedback-Anfragen an dich abbestellen (bis du sie wieder erlaubst)"},
      {"help.optin", "Proaktive Feedback-Anfragen an dich wieder erlauben"},
      {"optout.done",
       "Erledigt: Ich schicke dir keine Feedback-Anfragen, Erinnerungen oder Neuigkeiten zu Verbesserungen "
       "mehr, zu keinem Service. Feedback geben kannst du trotzdem jederzeit selbst mit `{command} "
       "feedback`. Meinung geändert? `{command} optin`."},
      {"optout.already",
       "Du hast Feedback-Anfragen schon abbestellt (seit {since}). `{command} optin` schaltet sie wieder "
       "ein."},
      {"optin.done",
       "Erledigt: Ich darf dir ab und zu wieder eine Feedback-Anfrage schicken (höchstens {budget} pro "
       "Woche, nie in deinen Ruhezeiten). `{command} optout` stoppt sie."},
      {"optin.already", "Du bekommst schon Feedback-Anfragen. `{command} optout` stoppt sie."},
      {"help.forget-me", "Löschen, was csibot über dich speichert (fragt vorher nach)"},
      {"forget.explain",
       "Das löscht, was csibot über dich speichert: deinen Namen an deinen Antworten und die Kommentare, die "
       "du geschrieben hast (die Bewertungen bleiben ohne Namen, damit sich die Zahlen der Services nicht "
       "ändern), die Feedback-Fragen, die du bekommen hast,{chat} und ein laufendes Gespräch. Das lässt sich "
       "nicht rückgängig machen. Tippe `{command} forget-me confirm`, um fortzufahren."},
      {"forget.explain.chat", " deine Nachrichten in diesem Chat"},
      {"forget.done",
       "Erledigt. {answers} deiner Antworten sind jetzt Bewertungen ohne Namen oder Kommentar; {prompts} "
       "Feedback-Fragen und {conversations} offene(s) Gespräch(e) sind gelöscht.{chat}"},
      {"forget.done.chat", " {messages} Chatnachricht(en) gelöscht."},
      {"forget.optout",
       "Du bleibst von Feedback-Anfragen abgemeldet, damit ich dich weiter in Ruhe lasse (`{command} optin` "
       "macht das rückgängig)."},
      {"forget.may_ask",
       "Ich darf dich wieder um Feedback bitten wie alle anderen auch; `{command} optout` stoppt das."},

      // The opening of a proactive prompt: why, then the question; anonymity and opt-out in the small
      // print (dialog/prompt_message).
      {"prompt.open.ticket",
       "Dein Ticket *{ticket}* zu *{service}* wurde vor Kurzem gelöst. Wie lief es? Deine Antwort hilft dem "
       "Team, den Service zu verbessern."},
      {"prompt.open.pulse",
       "Das ist die regelmäßige Feedback-Umfrage zu *{service}*: Ab und zu frage ich einige der Leute, die "
       "den Service nutzen, wie er für sie funktioniert."},
      {"prompt.open.ask",
       "Das Team hinter *{service}* möchte wissen, wie gut der Service für dich funktioniert."},
      {"prompt.open.reminder",
       "Vor ein paar Tagen habe ich dich nach *{service}* gefragt; hier ist die Frage noch einmal, falls sie "
       "untergegangen ist. Das ist die einzige Erinnerung."},
      {"prompt.open.reminder_ticket",
       "Vor ein paar Tagen habe ich gefragt, wie es mit deinem Ticket *{ticket}* zu *{service}* gelaufen "
       "ist; hier ist die Frage noch einmal, falls sie untergegangen ist. Das ist die einzige Erinnerung."},
      {"prompt.open.optout",
       "Gerade keine Zeit? Ignoriere das einfach. Gar keine solchen Fragen mehr? `{command} optout` stoppt "
       "sie."},

      // /csi ask (SPEC §8, §12).
      {"help.ask",
       "Leute jetzt um Feedback zu einem Service bitten: die genannten Personen und Channel-Mitglieder oder "
       "seine Kunden"},
      {"perm.action.ask", "Leute um Feedback zu diesem Service bitten"},
      {"ask.no_audience",
       "Für *{service}* sind keine Kunden eingetragen, also sag mir, wen ich fragen soll: `{command} ask "
       "{id} @user #channel`."},
      {"ask.bad_target",
       "*{typed}* erkenne ich weder als Person noch als Channel. Verwende @user, #channel oder platform:id "
       "(z. B. slack:C0123)."},
      {"ask.unescaped",
       "Slack hat *{typed}* als reinen Text geschickt, daher kann ich nicht erkennen, welche Person oder "
       "welcher Channel gemeint ist. Schalte für den Slash-Befehl *Escape channels, users, and links* ein "
       "(`should_escape: true` im App-Manifest) oder schreib `slack:U…` / `slack:C…`."},
      {"ask.done",
       "{user} hat um Feedback zu *{service}* gebeten: {scheduled} Anfrage(n) für {members} Person(en) "
       "geplant."},
      {"ask.held",
       "Die Regeln halten {held} davon vorerst zurück (abbestellt, kürzlich gefragt, Kontingent, Ruhezeiten "
       "oder Wochenende): Diese gehen raus, sobald die Regeln es erlauben, oder gar nicht."},
      {"ask.none_held", "Die Regeln lassen alle sofort raus, so schnell die Plattform es erlaubt."},
      {"ask.not_served",
       "Nichts gesendet: Dieser Bot läuft nicht auf {platforms} und kann {targets} daher nicht erreichen."},
      {"ask.left_out", "Nicht gefragt: {targets}, denn dieser Bot läuft nicht auf {platforms}."},
      {"ask.looking_up",
       "Feedback-Anfrage zu *{service}*: Ich suche die Mitglieder von {targets} heraus und sage dir per "
       "Direktnachricht, wie viele Anfragen geplant wurden."},
      {"ask.report",
       "Dein `{command} ask {id}`: {members} Person(en) in {targets}, {scheduled} Anfrage(n) geplant."},

      // The CSI register (SPEC §6): /csi improve, and improvements in the service view and digests.
      {"help.improve",
       "Das CSI-Register: Verbesserungen mit ihrem Warum (Geschäftsfunktion, erwartete Wirkung), von "
       "vorgeschlagen bis erledigt, und ob die Zahlen zeigen, dass sie gewirkt haben"},
      {"perm.action.improve", "die Verbesserungen dieses Services ändern"},
      {"improve.usage",
       "Verwendung:\n`{command} improve add <service> <titel…> [--for <geschäftsfunktion>] [--effect "
       "<erwartete wirkung>]`\n`{command} improve list [service] [status]`\n`{command} improve show <id>`\n"
       "`{command} improve set <id> state|for|effect|title <wert…>`\n`{command} improve link <id> feedback "
       "<nummer…>` oder `{command} improve link <id> theme <wort>`\nAnlegen und Ändern dürfen Owner des "
       "Services und Admins. Status: proposed → approved → in_progress → done → verified (das prüft csibot "
       "anhand der Zahlen), oder rejected."},
      {"improve.unknown_verb",
       "`improve {typed}` kenne ich nicht. Meinst du `{command} improve {suggestion}`?"},
      {"improve.bad_id", "*{typed}* ist keine Nummer einer Verbesserung (etwa 3 oder #3)."},
      {"improve.unknown_id", "Es gibt keine Verbesserung #{id}. `{command} improve list` zeigt alle."},
      {"improve.flag_empty", "Nach `{flag}` fehlen die Worte, etwa `--for field sales`."},
      {"improve.cut.title", "Der Titel war länger als {max} Zeichen, ich habe die ersten {max} behalten."},
      {"improve.cut.for",
       "Die Geschäftsfunktion war länger als {max} Zeichen, ich habe die ersten {max} behalten."},
      {"improve.cut.effect",
       "Die erwartete Wirkung war länger als {max} Zeichen, ich habe die ersten {max} behalten."},
      {"improve.add.done", "Verbesserung *#{id}* für *{service}* angelegt: {title} (vorgeschlagen)."},
      {"improve.add.baseline", "Ausgangswert: {figures}."},
      {"improve.add.small_baseline",
       "Mit weniger als {min} Antworten davor lässt sich gegen diesen Ausgangswert keine Wirkung zeigen."},
      {"improve.add.ask_why",
       "Warum lohnt sie sich? Sag, welcher Geschäftsfunktion sie dient und welche Wirkung du erwartest: "
       "`{command} improve set {id} for <geschäftsfunktion>` und `{command} improve set {id} effect "
       "<erwartete wirkung>`."},
      {"improve.add.ask_for",
       "Welcher Geschäftsfunktion dient sie? `{command} improve set {id} for <geschäftsfunktion>`"},
      {"improve.add.ask_effect",
       "Welche Wirkung erwartest du? `{command} improve set {id} effect <erwartete wirkung>`"},
      {"improve.add.other_function",
       "Hinweis: *{function}* steht nicht unter den Geschäftsfunktionen von {service} ({functions})."},
      {"improve.state.proposed", "vorgeschlagen"},
      {"improve.state.approved", "genehmigt"},
      {"improve.state.in_progress", "in Arbeit"},
      {"improve.state.done", "erledigt"},
      {"improve.state.verified", "bestätigt"},
      {"improve.state.rejected", "abgelehnt"},
      {"improve.figures", "{score} (n={n}, {period})"},
      {"improve.figures.none", "keine Antworten ({period})"},
      {"improve.figures.hidden", "zu wenige Antworten, um sie zu zeigen ({period})"},
      {"improve.before_after", "{before} → {after} (n {from} → {to})"},
      {"improve.outcome.verified", "bestätigt: {figures}"},
      {"improve.outcome.no_effect", "erledigt, keine messbare Wirkung: {figures}"},
      {"improve.outcome.no_baseline",
       "erledigt, keine messbare Wirkung: der Ausgangswert hatte zu wenige Antworten für einen Vergleich"},
      {"improve.outcome.due", "erledigt, Prüfung fällig am {date}"},
      {"improve.outcome.waiting", "erledigt, zur Prüfung fehlen noch Antworten (mindestens {min} seitdem)"},
      {"improve.list.header", "Verbesserungen"},
      {"improve.list.header_service", "Verbesserungen für {service}"},
      {"improve.list.line", "*#{id}* {title} — {service}, {what}"},
      {"improve.list.for", " · für {function}"},
      {"improve.list.process_only", " · _nur Prozess_"},
      {"improve.list.none",
       "Noch keine Verbesserungen. `{command} improve add <service> <titel…>` legt eine an."},
      {"improve.list.none_filtered", "Keine Verbesserung passt dazu."},
      {"improve.list.more",
       "… und {count} weitere: nenn einen Service oder einen Status, um die Liste einzugrenzen."},
      {"improve.list.context",
       "Offene zuerst. `{command} improve show <id>` zeigt eine an. _nur Prozess_: keine Geschäftsfunktion "
       "und kein Feedback dahinter."},
      {"improve.list.state_suggest", "*{typed}* ist weder ein Service noch ein Status. Meinst du `{state}`?"},
      {"improve.short_line", "*#{id}* {title} — {what}"},
      {"improve.more", "… und {count} weitere: `{command} improve list {service}`"},
      {"improve.show.header", "Verbesserung #{id}: {title}"},
      {"improve.show.service", "Service"},
      {"improve.show.state", "Status"},
      {"improve.show.for", "Geschäftsfunktion, der sie dient"},
      {"improve.show.effect", "Erwartete Wirkung"},
      {"improve.show.theme", "Thema"},
      {"improve.show.feedback", "Verknüpftes Feedback"},
      {"improve.show.baseline", "Ausgangswert"},
      {"improve.show.dates", ", {from} bis {to}"},
      {"improve.show.after", "Seit sie erledigt ist ({date})"},
      {"improve.show.verification", "Sind wir angekommen?"},
      {"improve.show.history", "Verlauf"},
      {"improve.show.missing_for", "nicht angegeben — `{command} improve set {id} for <geschäftsfunktion>`"},
      {"improve.show.missing_effect",
       "nicht angegeben — `{command} improve set {id} effect <erwartete wirkung>`"},
      {"improve.history.line", "{date}: {what} ({user})"},
      {"improve.history.no_effect", "keine messbare Wirkung"},
      {"improve.process_only_hint",
       "_Nur Prozess_: nichts verbindet sie mit einer Geschäftsfunktion oder mit Kundenfeedback. `{command} "
       "improve set {id} for <geschäftsfunktion>` oder `{command} improve link {id} feedback <nummer…>` "
       "ändert das."},
      {"improve.set.usage",
       "Verwendung: `{command} improve set <id> state <status>`, oder `… for <geschäftsfunktion>`, `… effect "
       "<erwartete wirkung>`, `… title <titel>`."},
      {"improve.set.unknown_field", "Ein Feld `{typed}` gibt es nicht. Felder: state, for, effect, title."},
      {"improve.set.bad_state", "*{typed}* ist kein Status. Status: {states}."},
      {"improve.set.state_suggest", "Meinst du `{state}`?"},
      {"improve.set.same_state", "#{id} ist schon {state}."},
      {"improve.set.verified_auto",
       "Als *verified* markiert csibot eine Verbesserung selbst, sobald die Zahlen nach dem Erledigen eine "
       "Verbesserung jenseits des Rauschens zeigen."},
      {"improve.set.final", "#{id} ist {state}: das ist endgültig."},
      {"improve.set.not_allowed", "#{id} ist {state}: von dort geht es nur weiter zu {next}."},
      {"improve.set.state_done", "*#{id}* {title} ist jetzt *{state}*."},
      {"improve.set.done_note",
       "Der Vergleichszeitraum beginnt jetzt: am {date}, wenn seine {period} vorbei sind, vergleicht csibot "
       "die Zahlen mit dem Ausgangswert und markiert sie als bestätigt, wenn sie sich jenseits des Rauschens "
       "verbessert haben, sonst mit „keine messbare Wirkung“."},
      {"improve.set.text_done", "*#{id}*: {field} geändert."},
      {"improve.field.title", "Titel"},
      {"improve.field.for", "Geschäftsfunktion"},
      {"improve.field.effect", "erwartete Wirkung"},
      {"improve.link.usage",
       "Verwendung: `{command} improve link <id> feedback <nummer…>` oder `{command} improve link <id> theme "
       "<wort>`."},
      {"improve.link.bad_number", "*{typed}* ist keine Feedback-Nummer (etwa 12 oder #12)."},
      {"improve.link.too_many", "Bitte höchstens {max} Feedback-Nummern auf einmal."},
      {"improve.link.no_feedback", "Nichts verknüpft: Feedback #{id} gibt es nicht."},
      {"improve.link.other_service", "Nichts verknüpft: Feedback #{id} betrifft {other}, nicht {service}."},
      {"improve.link.feedback_done", "{ids} mit *#{id}* verknüpft ({count} neu)."},
      {"improve.link.theme_done", "*#{id}* beantwortet jetzt das Thema „{theme}“."},
      {"digest.improvements.title", "Bewegte / bestätigte Verbesserungen"},
      {"digest.improvements.line", "*{service}* #{id} „{title}“: {what}"},
      {"digest.improvements.done", "erledigt, Prüfung fällig am {date}"},
      {"digest.improvements.process_only", " — _nur Prozess_"},
      {"digest.improvements.more", "… und {count} weitere"},
      {"digest.improvements.process_only_context",
       "_Nur Prozess_: eine Verbesserung ohne Geschäftsfunktion und ohne Kundenfeedback dahinter."},
      // Answers to feedback and reports back (SPEC §6): consent under the thanks, /csi reply, and
      // "You said … — we did …" when an improvement is done.
      {"consent.button", "Antwort vom Owner erlauben"},
      {"consent.button.link", "Antwort vom Owner erlauben (csibot speichert Link zu mir)"},
      {"consent.offer.link",
       "Wenn du dem Owner Antworten erlaubst, speichert csibot eine Verknüpfung von Feedback #{id} zu dir, "
       "damit die Antwort dich erreicht. Der Owner sieht trotzdem nicht, wer du bist."},
      {"consent.given",
       "Du hast dem Owner erlaubt, auf Feedback *#{id}* zu antworten: Eine Antwort kommt hierher, von "
       "csibot."},
      {"consent.given.link",
       "Du hast dem Owner erlaubt, auf Feedback *#{id}* zu antworten. csibot speichert jetzt eine "
       "Verknüpfung davon zu dir, damit die Antwort dich erreicht; der Owner sieht trotzdem nicht, wer du "
       "bist. `{command} forget-me` löscht sie, zusammen mit allem anderen, was csibot über dich speichert."},
      {"consent.not_yours", "Dieser Button war nicht für dich gedacht, deshalb hat sich nichts geändert."},
      {"consent.nothing",
       "Feedback #{id} hat keinen Kommentar mehr (er wurde gelöscht), also gibt es nichts, worauf ein Owner "
       "antworten könnte."},
      {"help.reply",
       "Auf ein Feedback antworten: csibot leitet die Antwort an die Person weiter, die es gegeben hat, wenn "
       "sie Antworten erlaubt hat (Owner des Services, Admins)"},
      {"perm.action.reply", "auf Feedback zu diesem Service antworten"},
      {"reply.usage",
       "Verwendung: `{command} reply <feedback-nummer> <text…>`. csibot leitet deine Antwort an die Person "
       "weiter, die dieses Feedback gegeben hat, wenn sie Antworten erlaubt hat."},
      {"reply.bad_id", "*{typed}* ist keine Feedback-Nummer (etwa 12 oder #12)."},
      {"reply.unknown_id", "Feedback #{id} gibt es nicht."},
      {"reply.no_consent",
       "Nichts gesendet: Die Person, die Feedback #{id} gegeben hat, hat sich keine Antworten gewünscht."},
      {"reply.unreachable",
       "Nichts gesendet: Die Person, die Feedback #{id} gegeben hat, hat Antworten erlaubt, aber csibot "
       "kann sie nicht mehr erreichen."},
      {"reply.not_served",
       "Nichts gesendet: Die Person, die Feedback #{id} gegeben hat, ist auf {platform}, und dort ist dieser "
       "Bot nicht (mehr) aktiv."},
      {"reply.limit",
       "Nichts gesendet: Auf Feedback #{id} gab es schon {max} Antworten, mehr leitet csibot für ein "
       "Feedback nicht weiter."},
      {"reply.sent.named",
       "Deine Antwort ist an {person} gegangen, die Person hinter Feedback #{id} (Antwort {count} von "
       "höchstens {max})."},
      {"reply.sent",
       "Deine Antwort ist an die Person gegangen, die Feedback #{id} gegeben hat; csibot zeigt nicht, wer "
       "das "
       "ist (Antwort {count} von höchstens {max})."},
      {"reply.cut",
       "Deine Antwort war länger als {max} Zeichen, deshalb habe ich die ersten {max} gesendet."},
      {"reply.dm.owner", "Der Owner von *{service}* hat auf dein Feedback *#{id}*{quote} geantwortet:"},
      {"reply.dm.admin", "Ein csibot-Admin hat auf dein Feedback *#{id}* zu *{service}*{quote} geantwortet:"},
      {"reply.dm.quote", " („{quote}“)"},
      {"reply.dm.context", "Du hast Antworten auf dieses Feedback erlaubt, als du es gegeben hast."},
      {"reply.dm.context_link",
       "Du hast Antworten auf dieses Feedback erlaubt, als du es gegeben hast: csibot speichert dafür eine "
       "Verknüpfung zu dir, und der Owner weiß nicht, wer du bist. `{command} forget-me` löscht sie."},
      {"reportback.header", "Dein Feedback hat etwas bewirkt"},
      {"reportback.said", "Du hast zu *{service}* gesagt ({ids}): „{quote}“"},
      {"reportback.said_no_words", "Du hast Feedback {ids} zu *{service}* gegeben."},
      {"reportback.did", "Wir haben umgesetzt: *{title}* (Verbesserung #{id})."},
      {"reportback.effect", "Was sich dadurch ändern soll: {effect}"},
      {"reportback.check",
       "Hat es etwas gebracht? csibot vergleicht, wie *{service}* bis {date} bewertet wird, mit der Zeit "
       "davor, und sagt es den Ownern."},
      {"verdict.header.verified", "Hat es etwas gebracht? Ja: Verbesserung #{id} ist bestätigt"},
      {"verdict.header.no_effect", "Hat es etwas gebracht? Keine messbare Wirkung von Verbesserung #{id}"},
      {"verdict.text",
       "*{title}* (Verbesserung #{id}) bei *{service}*, erledigt am {date}. csibot hat verglichen, wie sie "
       "davor und danach bewertet wurde: {what}."},
      {"verdict.context",
       "Du bekommst das als Owner von {service}, einmal pro Ergebnis. `{command} improve show {id}` zeigt "
       "die Zahlen und den Verlauf."},
      {"reportback.context",
       "Du bekommst das, weil dein Feedback mit dieser Verbesserung verknüpft ist. `{command} optout` "
       "stoppt solche Nachrichten."},
      {"reportback.context_link",
       "csibot hat dich über die Verknüpfung erreicht, die du beim Feedback erlaubt hast; der Owner weiß "
       "nicht, wer du bist."},
      {"reportback.told",
       "Ich habe {count} Person(en) Bescheid gesagt, deren Feedback sie beantwortet; csibot sagt nicht, wer "
       "das ist, weil ihre Antworten nicht identifiziert sind."},
      {"reportback.told_named",
       "Ich habe {count} Person(en) Bescheid gesagt, deren Feedback sie beantwortet: {people}."},
      {"reportback.told_none",
       "Niemandem wurde Bescheid gesagt: Die Leute, deren Feedback sie beantwortet, haben Anfragen "
       "abbestellt, oder csibot darf sie nicht erreichen."},
      // Die Befehle für Admins (SPEC §1; docs/admin.md): Zustand, Audit-Log und Backups im Chat.
      {"help.admin",
       "Zustand des laufenden Bots, das Audit-Log und ein Online-Backup der Datenbank (Admins)"},
      {"perm.action.admin", "den Zustand und das Audit-Log des Bots sehen oder seine Datenbank sichern"},
      {"admin.usage",
       "Verwendung: `{command} admin [status]`, `{command} admin audit [n]` (die neuesten n Einträge, 1 bis "
       "50) oder `{command} admin backup`."},
      {"admin.unknown_verb", "`admin {typed}` kenne ich nicht. Meinst du `{command} admin {suggestion}`?"},
      {"admin.unavailable",
       "Seinen Zustand kennt nur der laufende Bot (`csibot run`), deshalb ist er hier nicht verfügbar."},
      {"admin.status.header", "Status von csibot"},
      {"admin.status.version", "Version"},
      {"admin.status.uptime", "Laufzeit"},
      {"admin.status.database", "Datenbank"},
      {"admin.status.database_ok", "in Ordnung"},
      {"admin.status.database_error", "Fehler: {why}"},
      {"admin.status.schema", "Schema-Version"},
      {"admin.status.size", "Größe auf der Platte (mit der -wal-Datei)"},
      {"admin.status.in_memory", "im Arbeitsspeicher, keine Datei"},
      {"admin.status.feedback", "Gespeichertes Feedback"},
      {"admin.status.conversations", "Offene Gespräche"},
      {"admin.status.outbox", "Postausgang"},
      {"admin.status.outbox_empty", "nichts wartet"},
      {"admin.status.outbox_pending", "{count} warten"},
      {"admin.status.outbox_oldest", "{count} warten, die älteste seit {period}"},
      {"admin.status.outbox_failed",
       "{count} konnten nicht zugestellt werden und bleiben zum Nachsehen gespeichert; die neueste, "
       "geschrieben {date} UTC, an {to}: {what}"},
      {"admin.status.events", "Ereignisse seit dem Start"},
      {"admin.status.events.handled", "{count} verarbeitet"},
      {"admin.status.events.duplicate", "{count} doppelt"},
      {"admin.status.events.failed", "{count} fehlgeschlagen"},
      {"admin.status.backup", "Letztes Backup"},
      {"admin.status.backup_value", "{date} UTC: `{target}` ({what})"},
      {"admin.status.backup_none", "noch keines"},
      {"admin.status.backup_failed", "Der Versuch um {date} UTC ist fehlgeschlagen: {what}"},
      {"admin.status.backup_running", "Backup läuft"},
      {"admin.status.backup_running_value", "seit {date} UTC, nach `{target}`"},
      {"admin.status.col.platform", "Plattform"},
      {"admin.status.col.connected", "Verbunden"},
      {"admin.status.col.detail", "Details"},
      {"admin.status.yes", "ja"},
      {"admin.status.no", "nein"},
      {"admin.status.context",
       "Nur du siehst das. `{command} admin audit` zeigt das Audit-Log, `{command} admin backup` sichert die "
       "Datenbank."},
      {"admin.audit.header", "Audit-Log: die neuesten {count}"},
      {"admin.audit.empty", "Das Audit-Log ist leer."},
      {"admin.audit.bad_count",
       "*{typed}* ist keine Anzahl von Einträgen: Gib eine ganze Zahl von 1 bis {max} an (ohne Angabe: "
       "{count})."},
      {"admin.audit.col.when", "Wann (UTC)"},
      {"admin.audit.col.who", "Wer"},
      {"admin.audit.col.action", "Aktion"},
      {"admin.audit.col.subject", "Gegenstand"},
      {"admin.audit.col.detail", "Detail"},
      {"admin.audit.context",
       "Neueste zuerst. Protokolliert werden Änderungen an Katalog, Abos und Verbesserungen, Antworten auf "
       "Feedback, Ticket-Webhooks und Backups."},
      {"admin.backup.started",
       "Backup gestartet: `{target}`. Ich schicke dir eine Direktnachricht, sobald es fertig ist."},
      {"admin.backup.running", "Es läuft schon ein Backup (gestartet {date} UTC): `{target}`."},
      {"admin.backup.in_memory",
       "Die Datenbank liegt im Arbeitsspeicher (`:memory:`), es gibt also keine Datei zu sichern."},
      {"admin.backup.not_started", "Das Backup konnte nicht starten: {why}"},
      {"admin.backup.unavailable",
       "Backups aus dem Chat brauchen den laufenden Bot (`csibot run`); hier geht es mit `csibot backup "
       "DATEI`."},
      {"admin.backup.done.header", "Backup fertig"},
      {"admin.backup.done",
       "Die Datenbank ist nach `{target}` gesichert: {figures} in {period}. Die Kopie hat die Prüfung von "
       "SQLite "
       "bestanden."},
      {"admin.backup.done.context",
       "Die Kopie enthält jede Antwort und den Schlüssel hinter den Pseudonymen: Bewahre sie so sicher auf "
       "wie "
       "die Datenbank."},
      {"admin.backup.failed.header", "Backup fehlgeschlagen"},
      {"admin.backup.failed", "Das Backup nach `{target}` ist fehlgeschlagen: {why}. Details stehen im Log."},
      {"admin.size.bytes", "{count} Bytes"},
  };
  return texts;
}

}  // namespace csibot::core
