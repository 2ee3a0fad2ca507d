"""Lines in other languages, written for healthlint's tests: a blog platform's menus and widgets,
comment areas, and short paragraphs of the kind a scraper leaves in an English health article.
HL302's English screen must never clear one of them that the language model calls foreign."""

SPANISH = """\
Dejar un comentario
Cancelar respuesta
Tu dirección de correo electrónico no será publicada.
Los campos obligatorios están marcados con *
Guardar mi nombre, correo electrónico y web en este navegador para la próxima vez que comente.
Publicar comentario
Compartir en Facebook
Compartir este artículo con tus amigos
Suscríbete a nuestro boletín y recibe consejos de salud cada semana
Artículos relacionados
También te puede interesar
Leer más
Seguir leyendo
Entrada anterior
Entrada siguiente
Buscar en el sitio
Inicio | Quiénes somos | Contacto
Política de privacidad
Aviso legal y política de cookies
Este sitio web utiliza cookies para mejorar su experiencia.
Aceptar todas las cookies
Todos los derechos reservados
Publicado por la redacción el 3 de marzo de 2024
Etiquetas: salud, nutrición, dieta
Categorías: Bienestar
Muy buen artículo, gracias por compartir esta información tan útil.
Mi madre tiene diabetes y estos consejos nos han ayudado mucho.
Hola, quisiera saber si este tratamiento sirve también para los niños.
La presión arterial alta a menudo no causa síntomas.
Consulte a su médico antes de empezar cualquier tratamiento.
Beber agua con frecuencia ayuda a mantener el cuerpo hidratado.
Iniciar sesión
Regístrate gratis
Volver arriba
Ver todos los artículos
Mostrar más comentarios
Responder
Me gusta
Causas y factores de riesgo
Síntomas más comunes
Cómo se diagnostica la enfermedad
Preguntas frecuentes
Lo más leído de la semana
Cargando comentarios
Escribe tu comentario aquí
Nombre y correo
Enviar mensaje
Gracias por suscribirte
Ha ocurrido un error, inténtalo de nuevo
"""

PORTUGUESE = """\
Deixe um comentário
Cancelar resposta
O seu endereço de email não será publicado.
Os campos obrigatórios estão marcados com *
Publicar comentário
Compartilhar no Facebook
Compartilhe este artigo com seus amigos
Assine a nossa newsletter e receba dicas de saúde
Posts relacionados
Você também pode gostar
Leia mais
Continuar lendo
Artigo anterior
Próximo artigo
Pesquisar no site
Início | Sobre nós | Contato
Política de privacidade
Este site usa cookies para melhorar a sua experiência.
Aceitar todos os cookies
Todos os direitos reservados
Publicado por equipe editorial em 3 de março de 2024
Categorias: Saúde e bem-estar
Ótimo artigo, muito obrigado pelas informações.
Minha avó tem pressão alta e vai gostar de ler isso.
A pressão alta geralmente não causa sintomas.
Procure um médico se os sintomas piorarem.
Beber água ajuda a manter o corpo hidratado durante o dia.
Entrar na sua conta
Voltar ao topo
Ver todos os posts
Responder
Curtir
Causas e fatores de risco
Perguntas frequentes
Mais lidas da semana
Escreva seu comentário
Enviar mensagem
Obrigado por se inscrever
"""

FRENCH = """\
Laisser un commentaire
Annuler la réponse
Votre adresse e-mail ne sera pas publiée.
Les champs obligatoires sont indiqués avec *
Enregistrer mon nom, mon e-mail et mon site dans le navigateur pour mon prochain commentaire.
Laissez un commentaire et partagez cet article avec vos amis
Partager sur Facebook
Partager cet article
Abonnez-vous à notre newsletter pour recevoir nos conseils santé
Articles similaires
Vous aimerez aussi
Lire la suite
Article précédent
Article suivant
Rechercher sur le site
Accueil | Qui sommes-nous | Contact
Politique de confidentialité
Mentions légales
Ce site utilise des cookies pour améliorer votre expérience.
Accepter les cookies
Tous droits réservés
Publié par la rédaction le 3 mars 2024
Catégories : Santé, Nutrition
Très bon article, merci pour ces conseils.
Ma fille a de l'asthme et je cherchais justement ces informations.
Bonjour, est-ce que ce traitement convient aussi aux enfants ?
L'hypertension ne donne souvent aucun symptôme.
Demandez conseil à votre médecin avant de commencer un traitement.
Se connecter
Créer un compte
Retour en haut
Voir tous les articles
Répondre
J'aime
Causes et facteurs de risque
Questions fréquentes
Les plus lus
Chargement des commentaires
Envoyer le message
Merci pour votre inscription
Une erreur est survenue, veuillez réessayer
"""

GERMAN = """\
Kommentar hinterlassen
Antworten abbrechen
Deine E-Mail-Adresse wird nicht veröffentlicht.
Erforderliche Felder sind mit * markiert
Meinen Namen, meine E-Mail-Adresse und meine Website in diesem Browser speichern.
Kommentar abschicken
Auf Facebook teilen
Artikel teilen
Newsletter abonnieren und keine Neuigkeiten mehr verpassen
Ähnliche Beiträge
Das könnte dich auch interessieren
Weiterlesen
Vorheriger Beitrag
Nächster Beitrag
Suche auf der Website
Startseite | Über uns | Kontakt
Datenschutzerklärung
Impressum und Datenschutz
Diese Website verwendet Cookies, um Ihnen das beste Erlebnis zu bieten.
Alle Cookies akzeptieren
Alle Rechte vorbehalten
Veröffentlicht von der Redaktion am 3. März 2024
Kategorien: Gesundheit, Ernährung
Zurück zur Startseite und weitere Artikel lesen
Toller Artikel, vielen Dank für die hilfreichen Tipps!
Meine Mutter hat seit Jahren Diabetes und das hilft uns sehr.
Hallo, gilt das auch für Kinder unter zwölf Jahren?
Bluthochdruck verursacht oft keine Beschwerden.
Sprechen Sie mit Ihrem Arzt, bevor Sie die Dosis ändern.
Die Hand ist warm und der Arm tut nicht mehr weh.
Anmelden
Registrieren
Nach oben
Alle Beiträge anzeigen
Antworten
Gefällt mir
Ursachen und Risikofaktoren
Häufige Fragen
Meistgelesen
Kommentare werden geladen
Nachricht senden
Danke für deine Anmeldung
Ein Fehler ist aufgetreten, bitte versuche es erneut
Jetzt kostenlos testen
"""

ITALIAN = """\
Lascia un commento
Annulla risposta
Il tuo indirizzo email non sarà pubblicato.
I campi obbligatori sono contrassegnati *
Salva il mio nome, email e sito web in questo browser per la prossima volta che commento.
Pubblica il commento
Condividi su Facebook
Condividi questo articolo
Iscriviti alla nostra newsletter per ricevere consigli sulla salute
Articoli correlati
Potrebbe interessarti anche
Leggi di più
Continua a leggere
Articolo precedente
Articolo successivo
Cerca nel sito
Home | Chi siamo | Contatti
Informativa sulla privacy
Questo sito utilizza i cookie per migliorare la tua esperienza.
Accetta tutti i cookie
Tutti i diritti riservati
Pubblicato dalla redazione il 3 marzo 2024
Categorie: Salute, Alimentazione
Bellissimo articolo, grazie per i consigli.
Mio padre soffre di pressione alta e questi consigli ci sono utili.
La pressione alta spesso non dà sintomi.
Chiedi al tuo medico prima di cambiare la terapia.
Accedi
Registrati
Torna su
Vedi tutti gli articoli
Rispondi
Mi piace
Cause e fattori di rischio
Domande frequenti
I più letti
Invia messaggio
Grazie per esserti iscritto
"""

DUTCH = """\
Laat een reactie achter
Reactie annuleren
Je e-mailadres wordt niet gepubliceerd.
Vereiste velden zijn gemarkeerd met *
Bewaar mijn naam, e-mail en website in deze browser voor de volgende keer wanneer ik een reactie plaats.
Reactie plaatsen
Delen op Facebook
Deel dit artikel
Schrijf je in voor onze nieuwsbrief
Gerelateerde berichten
Dit vind je misschien ook leuk
Lees verder
Vorig bericht
Volgend bericht
Zoeken op de website
Home | Over ons | Contact
Privacybeleid
Deze website maakt gebruik van cookies.
Alle cookies accepteren
Alle rechten voorbehouden
Geplaatst door de redactie op 3 maart 2024
Categorieën: Gezondheid, Voeding
Mooi artikel, bedankt voor de tips!
Mijn moeder heeft diabetes en dit helpt ons echt.
Hoge bloeddruk geeft vaak geen klachten.
Overleg met je huisarts voordat je stopt met je medicijnen.
Dit is de beste manier om te slapen
Inloggen
Registreren
Terug naar boven
Bekijk alle berichten
Beantwoorden
Oorzaken en risicofactoren
Veelgestelde vragen
Meest gelezen
Bericht verzenden
Bedankt voor je inschrijving
"""

POLISH = """\
Dodaj komentarz
Anuluj pisanie odpowiedzi
Twój adres e-mail nie zostanie opublikowany.
Wymagane pola są oznaczone *
Zapamiętaj moje dane w tej przeglądarce podczas pisania kolejnych komentarzy.
Opublikuj komentarz
Udostępnij na Facebooku
Udostępnij ten artykuł
Zapisz się do naszego newslettera
Podobne wpisy
Może cię również zainteresować
Czytaj dalej
Poprzedni wpis
Następny wpis
Szukaj na stronie
Strona główna | O nas | Kontakt
Polityka prywatności
Ta strona używa plików cookies.
Akceptuję wszystkie
Wszelkie prawa zastrzeżone
Opublikowane przez redakcję 3 marca 2024
Kategorie: Zdrowie, Dieta
Świetny artykuł, dziękuję za porady.
Moja mama ma cukrzycę i to bardzo nam pomogło.
Nadciśnienie często nie daje żadnych objawów.
Porozmawiaj z lekarzem przed zmianą dawki leku.
Zaloguj się
Zarejestruj się
Wróć na górę
Zobacz wszystkie wpisy
Odpowiedz
Przyczyny i czynniki ryzyka
Najczęściej zadawane pytania
Najczęściej czytane
Wyślij wiadomość
"""

INDONESIAN = """\
Tinggalkan komentar
Batalkan balasan
Alamat email Anda tidak akan dipublikasikan.
Ruas yang wajib ditandai *
Simpan nama, email, dan situs web saya pada peramban ini untuk komentar saya berikutnya.
Kirim komentar
Bagikan ke Facebook
Bagikan artikel ini
Berlangganan newsletter kami untuk tips kesehatan
Artikel terkait
Baca juga: tips diet sehat untuk penderita diabetes
Baca selengkapnya
Artikel sebelumnya
Artikel selanjutnya
Cari di situs ini
Beranda | Tentang kami | Kontak
Kebijakan privasi
Situs ini menggunakan cookie.
Semua hak dilindungi
Diterbitkan oleh redaksi pada 3 Maret 2024
Kategori: Kesehatan, Nutrisi
Artikel yang sangat bagus, terima kasih atas informasinya.
Ibu saya punya darah tinggi dan tips ini sangat membantu.
Tekanan darah tinggi sering tidak menimbulkan gejala.
Konsultasikan dengan dokter sebelum mengubah dosis obat.
Masuk
Daftar sekarang
Kembali ke atas
Lihat semua artikel
Balas
Penyebab dan faktor risiko
Pertanyaan yang sering diajukan
Paling banyak dibaca
Kirim pesan
"""

TURKISH = """\
Bir yorum bırakın
Yanıtı iptal et
E-posta adresiniz yayınlanmayacak.
Gerekli alanlar * ile işaretlenmişlerdir
Bir dahaki sefere yorum yaptığımda kullanılmak üzere adımı, e-posta adresimi ve web site adresimi bu tarayıcıya kaydet.
Yorum gönder
Facebook'ta paylaş
Bu yazıyı paylaş
Bültenimize abone olun
İlgili yazılar
Bunlar da ilginizi çekebilir
Devamını oku
Önceki yazı
Sonraki yazı
Sitede ara
Ana sayfa | Hakkımızda | İletişim
Gizlilik politikası
Bu site çerezleri kullanmaktadır.
Tüm hakları saklıdır
Editör tarafından 3 Mart 2024 tarihinde yayınlandı
Kategoriler: Sağlık, Beslenme
Çok güzel bir yazı, bilgiler için teşekkürler.
Annemin tansiyonu yüksek ve bu bilgiler çok işimize yaradı.
Yüksek tansiyon çoğu zaman belirti vermez.
İlacınızın dozunu değiştirmeden önce doktorunuza danışın.
Giriş yap
Kayıt ol
Başa dön
Tüm yazıları gör
Yanıtla
Nedenler ve risk faktörleri
Sıkça sorulan sorular
En çok okunanlar
Mesaj gönder
"""

OTHERS = """\
Lämna en kommentar
Avbryt svar
Din e-postadress kommer inte publiceras.
Dela på Facebook
Läs mer om högt blodtryck
Relaterade inlägg
Alla rättigheter förbehållna
Tack för en bra artikel!
Skriv en kommentar
Annuller svar
Del på Facebook
Læs mere
Relaterede indlæg
Tak for en god artikel!
Legg igjen en kommentar
Les mer
Relaterte innlegg
Takk for en fin artikkel!
Jätä kommentti
Peruuta vastaus
Jaa Facebookissa
Lue lisää
Aiheeseen liittyvät artikkelit
Kiitos hyvästä artikkelista!
Lasă un comentariu
Anulează răspunsul
Distribuie pe Facebook
Citește mai mult
Articole similare
Mulțumesc pentru articol!
Napsat komentář
Zrušit odpověď
Sdílet na Facebooku
Číst dále
Související články
Děkuji za skvělý článek!
Szólj hozzá!
Válasz megszakítása
Megosztás a Facebookon
Tovább olvasom
Kapcsolódó bejegyzések
Köszönöm a remek cikket!
Deixa un comentari
Cancel·la la resposta
Comparteix a Facebook
Llegeix més
Entrades relacionades
Gràcies per l'article!
Ostavite komentar
Odustani od odgovora
Podijeli na Facebooku
Pročitaj više
Povezani članci
Hvala na odličnom članku!
Để lại bình luận
Hủy trả lời
Chia sẻ lên Facebook
Đọc thêm
Bài viết liên quan
Cảm ơn bài viết rất hay!
Mag-iwan ng komento
Ibahagi sa Facebook
Magbasa pa
Mga kaugnay na artikulo
Salamat sa magandang artikulo!
Tinggalkan balasan
Kongsi di Facebook
Baca lagi
Artikel berkaitan
Оставить комментарий
Отменить ответ
Поделиться в Facebook
Читать далее
Похожие статьи
Спасибо за статью!
Αφήστε ένα σχόλιο
Διαβάστε περισσότερα
Σχετικά άρθρα
コメントを残す
続きを読む
関連記事
发表评论
阅读更多
相关文章
"""

# Lines built to tempt a word-list screen: foreign function words that are also English words,
# English loanwords, brand names and menu words that every language borrows.
TEMPTING = """\
Die Hand ist warm und der Arm ist nicht mehr so rot
Das Kind hat Hunger und will mehr Butter
Was ist das Problem mit dem Blog?
Blog | Shop | News | Kontakt
Social Media Marketing Tipps für Ärzte
Online Shop für Bio Produkte
Newsletter abonnieren
Jetzt online bestellen
Home | Blog | Shop | Kontakt
Home Office und Stress im Job
Fitness Tipps für den Winter
Top 10 Tipps für einen gesunden Schlaf
Le chat est sur la table
Son plan pour la vie
Pain au chocolat pour le petit déjeuner
Plus de sport pour une vie saine
Le blog santé de la semaine
E-mail et newsletter
Un post sur le burn-out
Un blog de salud para toda la familia
Los mejores tips de fitness para el verano
El post más leído del blog
Con amor para mi madre
Per la salute del cuore
Non solo sport ma anche relax
Il blog del benessere online
Fitness e wellness per tutti
De beste tips voor een gezonde lifestyle
Op de blog lees je alles over sport
Een post over stress en burn-out
Home | Over | Blog | Shop
Wat is een burn-out?
Blog o zdrowym stylu życia
Najlepsze tipy na fitness
Tips sehat untuk keluarga anda
Blog tentang kesehatan dan fitness
Sağlıklı yaşam için fitness önerileri
To jest bardzo dobry artykuł
To nie jest prawda
To jest anemia i cukrzyca
Tak for din kommentar
Takk for at du leser bloggen
Heb je vragen of opmerkingen?
Ja of nee
Can sağlığı için spor yapın
Fiecare are dreptul la sănătate
Most is van időm olvasni
Descubre the best tips para tu salud
Lee the full story en nuestro blog
Todo sobre the keto diet y sus riesgos
Alles over the keto diet en je gezondheid
Tout savoir sur the keto diet
Hier findest du alles about the keto diet
Anemia e diabetes nos idosos
Anemia y diabetes en los niños
Hipertensión and diabetes en adultos mayores
Die besten Tipps for your Gesundheit
Les meilleurs conseils for your santé
Más información sobre the sleep apnea
Living with diabetes: consejos para la familia
Lee the full story and more en nuestro blog
Descubre the best tips for your salud
Lee the story of the year en el blog
Todo about the keto diet y the low carb diet
Ver the video with the recipe en YouTube
"""

LANGUAGES = {"es": SPANISH, "pt": PORTUGUESE, "fr": FRENCH, "de": GERMAN, "it": ITALIAN, "nl": DUTCH,
             "pl": POLISH, "id": INDONESIAN, "tr": TURKISH, "others": OTHERS, "tempting": TEMPTING}


def lines() -> list[str]:
    return [line for text in LANGUAGES.values() for line in text.splitlines() if line.strip()]
