"""The words of the demo reports: RHK, indicators, feedback, notes and reasons (Indonesian)."""

from reports.choices import (
    Aspect,
    BerAkhlak,
    Predikat,
    Rating,
)

# Each RHK: (rencana hasil kerja, indikator kinerja individu, aspect, measure). Measures:
# ("n", low, high, noun) a count per month, scaled to the period; ("pct", target);
# ("time", target); ("score", target, unit); ("zero", noun) where the target is none at all.

A = Aspect
OFFICE = (
    ("Terlaksananya pelayanan administrasi persuratan {unit}",
     "Jumlah surat masuk dan keluar yang diagendakan dan didistribusikan", A.KUANTITAS,
     ("n", 40, 90, "surat")),
    ("Terkelolanya administrasi kepegawaian dan barang persediaan {unit}",
     "Jumlah laporan persediaan dan kepegawaian yang disampaikan", A.KUANTITAS,
     ("n", 1, 2, "laporan")),
    ("Terlaksananya pelayanan kepada pemohon dan tamu {unit}",
     "Persentase permohonan yang ditindaklanjuti sesuai SOP", A.KUALITAS, ("pct", 95)),
    ("Tersedianya bahan rapat dan dokumentasi kegiatan pimpinan",
     "Bahan rapat tersedia sebelum rapat dimulai", A.WAKTU, ("time", "H-1 sebelum rapat")),
    ("Tertibnya pengarsipan dokumen {unit}",
     "Jumlah berkas yang diarsipkan sesuai klasifikasi", A.KUANTITAS, ("n", 30, 60, "berkas")),
)  # fmt: skip
DATA = (
    ("Tersedianya data dan informasi {unit} yang mutakhir",
     "Jumlah laporan rekapitulasi data yang disusun", A.KUANTITAS, ("n", 2, 4, "laporan")),
    ("Termutakhirkannya data pada aplikasi SIPD dan aplikasi sektoral",
     "Persentase data yang dimutakhirkan tepat waktu", A.WAKTU, ("pct", 100)),
    ("Tersajinya data statistik sektoral {unit}",
     "Tingkat akurasi data setelah verifikasi", A.KUALITAS, ("pct", 98)),
)  # fmt: skip
KEUANGAN = (
    ("Tersusunnya laporan keuangan {unit}",
     "Jumlah laporan keuangan bulanan yang disusun", A.KUANTITAS, ("n", 1, 1, "laporan")),
    ("Tersampaikannya laporan realisasi anggaran tepat waktu",
     "Laporan realisasi anggaran disampaikan ke BPKAD", A.WAKTU,
     ("time", "paling lambat tanggal 10 bulan berikutnya")),
    ("Terverifikasinya dokumen pertanggungjawaban keuangan (SPJ)",
     "Jumlah SPJ yang diverifikasi sesuai ketentuan", A.KUANTITAS, ("n", 20, 45, "dokumen SPJ")),
    ("Terkendalinya realisasi anggaran {unit}",
     "Persentase realisasi anggaran terhadap rencana penarikan dana", A.BIAYA, ("pct", 90)),
    ("Laporan keuangan yang andal", "Koreksi BPK atas laporan keuangan {unit}", A.KUALITAS,
     ("zero", "koreksi material")),
)  # fmt: skip
PERENCANAAN = (
    ("Tersusunnya dokumen perencanaan {unit} (Renja dan RKA)",
     "Jumlah dokumen perencanaan yang disusun", A.KUANTITAS, ("n", 0.34, 0.5, "dokumen")),
    ("Tersusunnya laporan evaluasi pelaksanaan Renja",
     "Laporan evaluasi disampaikan ke Bappelitbangda", A.WAKTU,
     ("time", "paling lambat 10 hari setelah triwulan berakhir")),
    ("Selarasnya program {unit} dengan RPJMD",
     "Persentase indikator program yang selaras dengan RPJMD", A.KUALITAS, ("pct", 100)),
)  # fmt: skip
KEPEGAWAIAN = (
    ("Terlaksananya pelayanan administrasi kepegawaian ASN Kota Tanjungpinang",
     "Jumlah usulan kenaikan pangkat, pensiun dan mutasi yang diproses", A.KUANTITAS,
     ("n", 20, 45, "usulan")),
    ("Terselesaikannya layanan kepegawaian sesuai standar waktu",
     "Persentase layanan yang selesai dalam standar waktu layanan", A.WAKTU, ("pct", 95)),
    ("Termutakhirkannya data ASN pada SIASN", "Persentase data ASN yang valid", A.KUALITAS,
     ("pct", 98)),
    ("Terlaksananya penilaian kinerja ASN", "Jumlah dokumen SKP yang diverifikasi", A.KUANTITAS,
     ("n", 40, 80, "dokumen SKP")),
)  # fmt: skip
HUKUM = (
    ("Tersusunnya rancangan produk hukum daerah",
     "Jumlah rancangan Perda/Perwako yang diharmonisasi", A.KUANTITAS, ("n", 0.5, 1.5, "naskah")),
    ("Tersusunnya kajian kebijakan {unit}", "Jumlah naskah kajian yang diselesaikan",
     A.KUANTITAS, ("n", 0.34, 0.67, "naskah kajian")),
    ("Berkualitasnya telaahan staf untuk pimpinan",
     "Persentase telaahan yang diterima pimpinan tanpa perbaikan", A.KUALITAS, ("pct", 85)),
)  # fmt: skip
TI = (
    ("Tersedianya layanan jaringan dan aplikasi {unit}",
     "Persentase ketersediaan layanan (uptime)", A.KUALITAS, ("pct", 99)),
    ("Tertanganinya gangguan perangkat dan aplikasi",
     "Jumlah tiket gangguan yang diselesaikan", A.KUANTITAS, ("n", 10, 25, "tiket")),
    ("Terselesaikannya gangguan tepat waktu", "Rata-rata waktu penyelesaian gangguan",
     A.WAKTU, ("time", "≤ 1 hari kerja")),
    ("Amannya sistem informasi Pemerintah Kota",
     "Insiden keamanan siber yang tidak tertangani", A.KUALITAS, ("zero", "insiden")),
)  # fmt: skip
HUMAS = (
    ("Terpublikasikannya informasi kegiatan pemerintah daerah",
     "Jumlah konten publikasi di laman dan media sosial resmi", A.KUANTITAS,
     ("n", 10, 25, "konten")),
    ("Terkelolanya aduan masyarakat melalui SP4N-LAPOR!",
     "Persentase aduan yang ditindaklanjuti dalam 5 hari kerja", A.WAKTU, ("pct", 90)),
    ("Terlayaninya permohonan informasi publik (PPID)",
     "Jumlah permohonan informasi yang dijawab dalam 10 hari kerja", A.KUANTITAS,
     ("n", 3, 8, "permohonan")),
)  # fmt: skip
ARSIP = (
    ("Tertatanya arsip dinamis {unit}", "Jumlah berkas arsip yang ditata dan didaftar",
     A.KUANTITAS, ("n", 80, 150, "berkas")),
    ("Tersedianya daftar arsip aktif yang mutakhir", "Daftar arsip aktif dimutakhirkan",
     A.WAKTU, ("time", "setiap akhir bulan")),
    ("Terlayaninya peminjaman arsip", "Persentase permintaan arsip yang ditemukan kembali",
     A.KUALITAS, ("pct", 98)),
)  # fmt: skip
PUSTAKA = (
    ("Terlaksananya layanan perpustakaan umum daerah", "Jumlah pemustaka yang dilayani",
     A.KUANTITAS, ("n", 300, 600, "pemustaka")),
    ("Terolahnya bahan pustaka", "Jumlah bahan pustaka yang diolah dan dikatalogkan",
     A.KUANTITAS, ("n", 60, 120, "eksemplar")),
    ("Meningkatnya minat baca masyarakat", "Jumlah kegiatan literasi yang diselenggarakan",
     A.KUANTITAS, ("n", 1, 2, "kegiatan")),
)  # fmt: skip
AUDIT = (
    ("Terlaksananya audit kinerja atas perangkat daerah",
     "Jumlah laporan hasil pemeriksaan (LHP) yang diselesaikan", A.KUANTITAS,
     ("n", 0.5, 1, "LHP")),
    ("Terpantaunya tindak lanjut rekomendasi hasil pemeriksaan",
     "Persentase rekomendasi yang telah ditindaklanjuti", A.KUALITAS, ("pct", 85)),
    ("Terlaksananya reviu laporan keuangan pemerintah daerah",
     "Laporan hasil reviu disampaikan kepada Wali Kota", A.WAKTU,
     ("time", "sesuai jadwal PKPT")),
    ("Terlaksananya pengawasan penyelenggaraan urusan pemerintahan",
     "Jumlah kegiatan pemantauan dan evaluasi yang dilaksanakan", A.KUANTITAS,
     ("n", 1, 2, "kegiatan")),
    ("Efisiennya penggunaan anggaran pengawasan", "Persentase realisasi anggaran PKPT",
     A.BIAYA, ("pct", 95)),
)  # fmt: skip
SATPOL = (
    ("Terlaksananya patroli ketenteraman dan ketertiban umum",
     "Jumlah kegiatan patroli wilayah yang dilaksanakan", A.KUANTITAS,
     ("n", 12, 20, "kegiatan patroli")),
    ("Tertegakkannya Peraturan Daerah", "Jumlah kegiatan penertiban pelanggaran Perda",
     A.KUANTITAS, ("n", 2, 5, "kegiatan")),
    ("Terlaksananya pengamanan kegiatan pemerintah daerah",
     "Persentase kegiatan yang diamankan tanpa gangguan", A.KUALITAS, ("pct", 100)),
    ("Tertanganinya pengaduan gangguan trantibum",
     "Pengaduan ditindaklanjuti di lapangan", A.WAKTU, ("time", "≤ 1 × 24 jam")),
)  # fmt: skip
GURU = (
    ("Terlaksananya pembelajaran yang berkualitas", "Jumlah jam tatap muka yang terlaksana",
     A.KUANTITAS, ("n", 96, 96, "JP")),
    ("Tersusunnya perangkat ajar Kurikulum Merdeka", "Jumlah modul ajar yang disusun",
     A.KUANTITAS, ("n", 1, 2, "modul ajar")),
    ("Meningkatnya capaian belajar peserta didik",
     "Persentase peserta didik yang mencapai KKTP", A.KUALITAS, ("pct", 80)),
    ("Terlaksananya asesmen pembelajaran", "Nilai hasil asesmen diunggah ke rapor digital",
     A.WAKTU, ("time", "sesuai kalender pendidikan")),
)  # fmt: skip
SUPERVISI = (
    ("Terlaksananya supervisi akademik satuan pendidikan",
     "Jumlah satuan pendidikan binaan yang disupervisi", A.KUANTITAS,
     ("n", 3, 6, "satuan pendidikan")),
    ("Meningkatnya mutu satuan pendidikan binaan",
     "Persentase satuan pendidikan binaan yang memenuhi SNP", A.KUALITAS, ("pct", 75)),
    ("Tersusunnya laporan hasil pengawasan", "Laporan pengawasan disampaikan ke Kepala Dinas",
     A.WAKTU, ("time", "setiap akhir semester")),
)  # fmt: skip
DOKTER = (
    ("Terlaksananya pelayanan medis di {unit}", "Jumlah pasien yang dilayani sesuai standar",
     A.KUANTITAS, ("n", 250, 420, "pasien")),
    ("Terdokumentasinya rekam medis pasien", "Persentase rekam medis yang lengkap dalam 1 × 24 jam",
     A.KUALITAS, ("pct", 100)),
    ("Rujukan pasien yang tepat", "Persentase rujukan sesuai indikasi medis", A.KUALITAS,
     ("pct", 95)),
    ("Terlayaninya pasien gawat darurat", "Waktu tanggap pelayanan gawat darurat",
     A.WAKTU, ("time", "≤ 5 menit")),
)  # fmt: skip
PERAWAT = (
    ("Terlaksananya asuhan keperawatan di {unit}",
     "Jumlah pasien yang mendapat asuhan keperawatan", A.KUANTITAS, ("n", 60, 120, "pasien")),
    ("Terdokumentasinya asuhan keperawatan", "Persentase dokumentasi asuhan keperawatan lengkap",
     A.KUALITAS, ("pct", 100)),
    ("Terjaminnya keselamatan pasien", "Kejadian pasien jatuh dan kesalahan pemberian obat",
     A.KUALITAS, ("zero", "kejadian")),
    ("Terlaksananya edukasi kesehatan kepada pasien dan keluarga",
     "Jumlah sesi edukasi yang diberikan", A.KUANTITAS, ("n", 8, 16, "sesi")),
)  # fmt: skip
BIDAN = (
    ("Terlaksananya pelayanan antenatal (ANC) terpadu",
     "Jumlah kunjungan ibu hamil yang dilayani sesuai standar", A.KUANTITAS,
     ("n", 20, 45, "kunjungan")),
    ("Meningkatnya persalinan oleh tenaga kesehatan di fasilitas kesehatan",
     "Persentase persalinan di fasilitas kesehatan", A.KUALITAS, ("pct", 95)),
    ("Terlaksananya kunjungan nifas dan neonatal", "Jumlah kunjungan nifas yang dilaksanakan",
     A.KUANTITAS, ("n", 8, 20, "kunjungan")),
    ("Terlaksananya imunisasi dasar lengkap",
     "Persentase bayi yang mendapat imunisasi dasar lengkap", A.KUALITAS, ("pct", 95)),
)  # fmt: skip
FARMASI = (
    ("Terlaksananya pelayanan kefarmasian di {unit}", "Jumlah lembar resep yang dilayani",
     A.KUANTITAS, ("n", 600, 1200, "lembar resep")),
    ("Cepatnya pelayanan obat", "Waktu tunggu pelayanan obat jadi", A.WAKTU,
     ("time", "≤ 30 menit")),
    ("Tersedianya obat esensial", "Persentase ketersediaan obat esensial", A.KUALITAS,
     ("pct", 95)),
    ("Terkendalinya obat kedaluwarsa", "Nilai obat kedaluwarsa terhadap total persediaan",
     A.BIAYA, ("pct", 2)),
)  # fmt: skip
PENUNJANG = (
    ("Terlaksananya pemeriksaan penunjang medis di {unit}",
     "Jumlah pemeriksaan yang dilakukan sesuai standar", A.KUANTITAS,
     ("n", 150, 400, "pemeriksaan")),
    ("Tersedianya hasil pemeriksaan tepat waktu", "Waktu penyerahan hasil pemeriksaan",
     A.WAKTU, ("time", "≤ 2 jam")),
    ("Terjaminnya mutu hasil pemeriksaan", "Persentase hasil pemeriksaan tanpa pengulangan",
     A.KUALITAS, ("pct", 98)),
)  # fmt: skip
KESMAS = (
    ("Terlaksananya penyuluhan kesehatan masyarakat", "Jumlah kegiatan penyuluhan",
     A.KUANTITAS, ("n", 4, 8, "kegiatan")),
    ("Terpantaunya status gizi balita", "Jumlah balita yang dipantau di posyandu",
     A.KUANTITAS, ("n", 80, 160, "balita")),
    ("Terlaksananya inspeksi kesehatan lingkungan",
     "Jumlah tempat pengelolaan pangan yang diinspeksi", A.KUANTITAS, ("n", 8, 15, "tempat")),
    ("Tertanganinya kasus penyakit menular", "Persentase kasus yang diselidiki dalam 1 × 24 jam",
     A.WAKTU, ("pct", 100)),
)  # fmt: skip
TEKNIK = (
    ("Terlaksananya pengawasan pekerjaan konstruksi", "Jumlah paket pekerjaan yang diawasi",
     A.KUANTITAS, ("n", 1, 3, "paket pekerjaan")),
    ("Selesainya pekerjaan fisik sesuai jadwal", "Persentase progres fisik terhadap jadwal",
     A.WAKTU, ("pct", 100)),
    ("Terjaminnya mutu pekerjaan konstruksi", "Temuan ketidaksesuaian spesifikasi teknis",
     A.KUALITAS, ("zero", "temuan")),
    ("Tersusunnya dokumen teknis dan rencana anggaran biaya",
     "Jumlah dokumen perencanaan teknis yang disusun", A.KUANTITAS, ("n", 0.5, 1.5, "dokumen")),
)  # fmt: skip
PENYULUH = (
    ("Terlaksananya penyuluhan kepada kelompok binaan", "Jumlah kegiatan penyuluhan",
     A.KUANTITAS, ("n", 4, 8, "kegiatan")),
    ("Meningkatnya kapasitas kelompok binaan", "Jumlah kelompok binaan yang didampingi",
     A.KUANTITAS, ("n", 3, 6, "kelompok")),
    ("Tersusunnya programa penyuluhan", "Laporan pelaksanaan penyuluhan disampaikan",
     A.WAKTU, ("time", "setiap akhir bulan")),
)  # fmt: skip
SOSIAL = (
    ("Terlaksananya asesmen dan pendampingan penerima bantuan sosial",
     "Jumlah keluarga yang diasesmen dan didampingi", A.KUANTITAS, ("n", 10, 25, "keluarga")),
    ("Termutakhirkannya Data Terpadu Kesejahteraan Sosial (DTKS)",
     "Persentase data usulan yang diverifikasi", A.KUALITAS, ("pct", 95)),
    ("Tertanganinya pengaduan layanan sosial", "Pengaduan ditindaklanjuti", A.WAKTU,
     ("time", "≤ 3 hari kerja")),
)  # fmt: skip
PERIZINAN = (
    ("Terlaksananya pelayanan perizinan berusaha melalui OSS",
     "Jumlah izin dan nonizin yang diterbitkan", A.KUANTITAS, ("n", 30, 70, "izin")),
    ("Terselesaikannya perizinan sesuai standar pelayanan",
     "Persentase izin yang terbit dalam standar waktu", A.WAKTU, ("pct", 95)),
    ("Meningkatnya kepuasan pemohon izin", "Indeks Kepuasan Masyarakat layanan perizinan",
     A.KUALITAS, ("score", 82, "poin")),
)  # fmt: skip
DUKCAPIL = (
    ("Terlaksananya penerbitan dokumen kependudukan",
     "Jumlah dokumen kependudukan yang diterbitkan", A.KUANTITAS, ("n", 200, 400, "dokumen")),
    ("Cepatnya layanan administrasi kependudukan", "Dokumen terbit sejak berkas lengkap",
     A.WAKTU, ("time", "≤ 1 hari kerja")),
    ("Akuratnya database kependudukan", "Persentase data ganda yang diselesaikan",
     A.KUALITAS, ("pct", 100)),
)  # fmt: skip
PENDAPATAN = (
    ("Terdatanya objek pajak daerah", "Jumlah objek pajak yang didata dan dimutakhirkan",
     A.KUANTITAS, ("n", 40, 80, "objek pajak")),
    ("Tertagihnya piutang pajak daerah", "Persentase tunggakan PBB-P2 yang tertagih",
     A.KUANTITAS, ("pct", 40)),
    ("Terlayaninya wajib pajak", "Persentase keberatan pajak diselesaikan tepat waktu",
     A.WAKTU, ("pct", 100)),
)  # fmt: skip
PENGADAAN = (
    ("Terlaksananya pengadaan barang/jasa pemerintah daerah",
     "Jumlah paket pengadaan yang diselesaikan", A.KUANTITAS, ("n", 2, 5, "paket")),
    ("Efisiennya pengadaan barang/jasa", "Persentase efisiensi terhadap pagu paket",
     A.BIAYA, ("pct", 5)),
    ("Terlaksananya pemilihan penyedia sesuai jadwal", "Pemilihan penyedia selesai",
     A.WAKTU, ("time", "sesuai jadwal RUP")),
)  # fmt: skip
KEBERSIHAN = (
    ("Terangkutnya sampah dari TPS ke TPA Ganet", "Jumlah ritase pengangkutan sampah",
     A.KUANTITAS, ("n", 40, 60, "ritase")),
    ("Bersihnya ruas jalan protokol", "Persentase ruas jalan yang disapu sesuai jadwal",
     A.KUALITAS, ("pct", 100)),
    ("Terawatnya sarana kebersihan", "Sarana kebersihan dalam kondisi siap pakai",
     A.KUALITAS, ("pct", 95)),
)  # fmt: skip
LALIN = (
    ("Terkendalinya lalu lintas di persimpangan rawan kemacetan",
     "Jumlah hari piket pengaturan lalu lintas", A.KUANTITAS, ("n", 18, 22, "hari piket")),
    ("Tertibnya perparkiran di tepi jalan umum", "Jumlah titik parkir yang diawasi",
     A.KUANTITAS, ("n", 10, 20, "titik parkir")),
    ("Terlaksananya uji berkala kendaraan bermotor", "Persentase kendaraan wajib uji yang diuji",
     A.KUALITAS, ("pct", 90)),
)  # fmt: skip
KEWILAYAHAN = (
    ("Terlaksananya pelayanan administrasi di {unit}",
     "Jumlah surat keterangan dan surat pengantar yang diterbitkan", A.KUANTITAS,
     ("n", 40, 100, "surat")),
    ("Cepatnya pelayanan surat keterangan", "Surat terbit sejak berkas lengkap", A.WAKTU,
     ("time", "pada hari yang sama")),
    ("Termutakhirkannya data kependudukan dan sosial wilayah",
     "Jumlah laporan data monografi yang disusun", A.KUANTITAS, ("n", 1, 1, "laporan")),
    ("Terlaksananya musyawarah dan kegiatan pemberdayaan masyarakat",
     "Jumlah kegiatan pemberdayaan yang difasilitasi", A.KUANTITAS, ("n", 1, 3, "kegiatan")),
)  # fmt: skip
PIMPINAN = (
    ("Meningkatnya kualitas pelayanan publik {unit}",
     "Indeks Kepuasan Masyarakat terhadap layanan {unit}", A.KUALITAS, ("score", 82, "poin")),
    ("Meningkatnya akuntabilitas kinerja {unit}",
     "Persentase capaian indikator kinerja utama (IKU)", A.KUALITAS, ("pct", 90)),
    ("Terkendalinya pelaksanaan anggaran {unit}", "Persentase realisasi anggaran", A.BIAYA,
     ("pct", 95)),
    ("Tersampaikannya laporan kinerja {unit}", "Laporan kinerja disampaikan kepada Wali Kota",
     A.WAKTU, ("time", "sesuai jadwal")),
    ("Terselesaikannya tindak lanjut temuan pemeriksaan {unit}",
     "Persentase temuan BPK dan Inspektorat yang ditindaklanjuti", A.KUALITAS, ("pct", 90)),
)  # fmt: skip
MANAJERIAL = (
    ("Terlaksananya program dan kegiatan yang dipimpin",
     "Persentase capaian output kegiatan", A.KUANTITAS, ("pct", 95)),
    ("Terkendalinya anggaran kegiatan", "Persentase realisasi anggaran kegiatan", A.BIAYA,
     ("pct", 90)),
    ("Tersusunnya laporan pelaksanaan kegiatan", "Jumlah laporan kegiatan yang disusun",
     A.KUANTITAS, ("n", 1, 1, "laporan")),
    ("Terselesaikannya pekerjaan sesuai jadwal", "Laporan disampaikan kepada pimpinan",
     A.WAKTU, ("time", "paling lambat tanggal 5 bulan berikutnya")),
    ("Terbinanya kinerja pegawai yang dipimpin",
     "Persentase bawahan dengan SKP yang dievaluasi tepat waktu", A.KUALITAS, ("pct", 100)),
)  # fmt: skip
KEBENCANAAN = (
    ("Terlaksananya kesiapsiagaan bencana di kelurahan rawan",
     "Jumlah kegiatan sosialisasi dan simulasi kebencanaan", A.KUANTITAS,
     ("n", 1, 3, "kegiatan")),
    ("Tertanganinya kejadian bencana", "Waktu tanggap darurat sejak laporan diterima",
     A.WAKTU, ("time", "≤ 30 menit")),
    ("Tersedianya logistik kebencanaan", "Persentase logistik siap salur", A.KUALITAS,
     ("pct", 95)),
)  # fmt: skip

# First matching word in the position title picks the RHK set; then the jabatan type.
DOMAINS_BY_TITLE = (
    ("Guru", GURU), ("Pengawas Sekolah", SUPERVISI), ("Penilik", SUPERVISI),
    ("Pamong Belajar", GURU), ("Dokter", DOKTER), ("Perawat", PERAWAT), ("Bidan", BIDAN),
    ("Apoteker", FARMASI), ("Laboratorium", PENUNJANG), ("Radiografer", PENUNJANG),
    ("Elektromedis", PENUNJANG), ("Fisioterapis", PENUNJANG), ("Perekam Medis", PENUNJANG),
    ("Nutrisionis", KESMAS), ("Sanitarian", KESMAS), ("Penyuluh Kesehatan", KESMAS),
    ("Epidemiolog", KESMAS), ("Administrator Kesehatan", KESMAS), ("Auditor", AUDIT),
    ("Pengawas Penyelenggaraan", AUDIT), ("Polisi Pamong Praja", SATPOL),
    ("Kebersihan", KEBERSIHAN), ("Lalu Lintas", LALIN), ("Penguji Kendaraan", LALIN),
    ("Pajak", PENDAPATAN), ("Penilai Pajak", PENDAPATAN), ("Arsiparis", ARSIP),
    ("Pustakawan", PUSTAKA), ("Pranata Komputer", TI), ("Sandiman", TI),
    ("Administrator Database Kependudukan", DUKCAPIL), ("Statistisi", DATA),
    ("Hubungan Masyarakat", HUMAS), ("Perencana", PERENCANAAN), ("Peneliti", HUKUM),
    ("Keuangan", KEUANGAN), ("Barang Milik Daerah", KEUANGAN), ("Kepegawaian", KEPEGAWAIAN),
    ("Asesor", KEPEGAWAIAN), ("Analis Kebijakan", HUKUM), ("Perancang", HUKUM),
    ("Analis Hukum", HUKUM), ("Pengadaan", PENGADAAN), ("Penata Perizinan", PERIZINAN),
    ("Penyuluh", PENYULUH), ("Pekerja Sosial", SOSIAL), ("Penggerak Swadaya", KEWILAYAHAN),
    ("Tanggap Darurat", KEBENCANAAN), ("Kebencanaan", KEBENCANAAN), ("Teknik", TEKNIK),
    ("Penata Ruang", TEKNIK), ("Penata Kelola Bangunan", TEKNIK), ("Pengolah Data", DATA),
)  # fmt: skip
DOMAINS_BY_OPD = {
    "bkpsdm": KEPEGAWAIAN, "bpkad": KEUANGAN, "bapenda": PENDAPATAN, "disdukcapil": DUKCAPIL,
    "dpmptsp": PERIZINAN, "diskominfo": HUMAS, "satpolpp": SATPOL, "inspektorat": AUDIT,
    "bappelitbangda": PERENCANAAN, "dinsos": SOSIAL, "bpbd": KEBENCANAAN,
}  # fmt: skip

TAMBAHAN = (
    ("Menjadi anggota tim pelaksana Reformasi Birokrasi {unit}",
     "Jumlah rapat dan laporan tim yang diikuti", ("n", 1, 1, "kegiatan")),
    ("Menjadi panitia peringatan Hari Jadi Kota Tanjungpinang",
     "Kegiatan terlaksana sesuai rencana", ("n", 0.34, 0.34, "kegiatan")),
    ("Menjadi narasumber sosialisasi layanan {unit} kepada masyarakat",
     "Jumlah kegiatan sebagai narasumber", ("n", 0.34, 0.67, "kegiatan")),
    ("Menjadi anggota tim penyusun Standar Pelayanan {unit}",
     "Dokumen standar pelayanan yang disusun", ("n", 0.25, 0.25, "dokumen")),
    ("Mengikuti pengembangan kompetensi di luar kewajiban 20 JP",
     "Jumlah jam pelajaran (JP) pelatihan yang diikuti", ("n", 2, 4, "JP")),
)  # fmt: skip

FEEDBACK = {
    Rating.ABOVE: (
        "Capaian melampaui target; bagikan cara kerjanya kepada rekan satu unit.",
        "Sangat baik, pertahankan konsistensi dan kelengkapan bukti dukung.",
        "Inisiatif yang baik dalam menyelesaikan pekerjaan lebih cepat dari jadwal.",
    ),
    Rating.AS_EXPECTED: (
        "Sesuai target. Bukti dukung agar diunggah tepat waktu.",
        "Capaian sesuai rencana; tingkatkan kualitas dokumentasi.",
        "Target terpenuhi. Koordinasi dengan unit terkait agar lebih awal.",
    ),
    Rating.BELOW: (
        "Capaian di bawah target; susun rencana perbaikan bersama atasan langsung.",
        "Perlu percepatan penyelesaian dan pelaporan berkala setiap minggu.",
        "Bukti dukung belum lengkap; lengkapi pada periode berikutnya.",
    ),
}
EVALUATOR_NOTES = {
    Predikat.SANGAT_BAIK: (
        "Kinerja dan perilaku kerja patut dicontoh. Direkomendasikan untuk pengembangan "
        "kompetensi lanjutan.",
        "Melampaui ekspektasi pada hampir semua RHK dan menjadi rujukan rekan kerja.",
        "Sangat baik. Pertimbangkan sebagai mentor bagi pegawai baru di unit.",
    ),
    Predikat.BAIK: (
        "Kinerja sesuai ekspektasi. Tingkatkan inisiatif dalam perbaikan layanan.",
        "Hasil kerja baik dan stabil; jaga ketepatan waktu pelaporan.",
        "Memenuhi ekspektasi. Disarankan mengikuti pelatihan teknis yang relevan.",
        "Kerja sama tim baik; dokumentasi capaian dapat lebih rapi.",
    ),
    Predikat.BUTUH_PERBAIKAN: (
        "Beberapa RHK tidak tercapai. Disepakati rencana perbaikan dengan pemantauan bulanan.",
        "Hasil kerja di bawah ekspektasi; perlu pendampingan atasan langsung.",
    ),
    Predikat.KURANG: (
        "Perilaku kerja di bawah ekspektasi, terutama kedisiplinan. Telah dilakukan pembinaan.",
        "Perlu perbaikan sikap dalam melayani dan berkoordinasi; pembinaan dilanjutkan.",
    ),
    Predikat.SANGAT_KURANG: (
        "Hasil dan perilaku kerja di bawah ekspektasi. Diproses sesuai ketentuan pembinaan "
        "kinerja ASN.",
    ),
}
BEHAVIOUR_NOTES = {
    BerAkhlak.BERORIENTASI_PELAYANAN: {
        Rating.ABOVE: "Responsif dan ramah; sering membantu pemohon di luar tugas pokok.",
        Rating.AS_EXPECTED: "Melayani sesuai standar pelayanan.",
        Rating.BELOW: "Beberapa keluhan pengguna layanan belum ditanggapi.",
    },
    BerAkhlak.AKUNTABEL: {
        Rating.ABOVE: "Laporan selalu tepat waktu dengan bukti dukung lengkap.",
        Rating.AS_EXPECTED: "Bertanggung jawab atas tugas yang diberikan.",
        Rating.BELOW: "Laporan sering terlambat dan kurang lengkap.",
    },
    BerAkhlak.KOMPETEN: {
        Rating.ABOVE: "Aktif belajar dan membagikan pengetahuan kepada rekan kerja.",
        Rating.AS_EXPECTED: "Mengikuti pengembangan kompetensi yang diwajibkan.",
        Rating.BELOW: "Belum memenuhi 20 JP pengembangan kompetensi.",
    },
    BerAkhlak.HARMONIS: {
        Rating.ABOVE: "Membangun suasana kerja yang kondusif.",
        Rating.AS_EXPECTED: "Menghargai rekan kerja tanpa membedakan latar belakang.",
        Rating.BELOW: "Pernah terlibat perselisihan dengan rekan kerja.",
    },
    BerAkhlak.LOYAL: {
        Rating.ABOVE: "Menjaga nama baik instansi dan rahasia jabatan dengan teladan.",
        Rating.AS_EXPECTED: "Menaati peraturan dan menjaga nama baik instansi.",
        Rating.BELOW: "Kehadiran dan ketaatan jam kerja perlu diperbaiki.",
    },
    BerAkhlak.ADAPTIF: {
        Rating.ABOVE: "Cepat menguasai aplikasi baru dan mengusulkan inovasi layanan.",
        Rating.AS_EXPECTED: "Menyesuaikan diri dengan perubahan tugas.",
        Rating.BELOW: "Lambat menyesuaikan diri dengan aplikasi kerja baru.",
    },
    BerAkhlak.KOLABORATIF: {
        Rating.ABOVE: "Aktif menggerakkan kerja sama lintas unit.",
        Rating.AS_EXPECTED: "Bersedia bekerja sama dengan unit lain.",
        Rating.BELOW: "Kurang terbuka dalam kerja tim.",
    },
}
LEADER_EXPECTATIONS = {
    BerAkhlak.BERORIENTASI_PELAYANAN: "Tanggapi setiap aduan SP4N-LAPOR! dalam 3 hari kerja.",
    BerAkhlak.AKUNTABEL: "Unggah bukti dukung capaian paling lambat tanggal 5 setiap bulan.",
    BerAkhlak.KOMPETEN: "Ikuti paling sedikit satu pelatihan teknis tahun ini.",
    BerAkhlak.HARMONIS: "Jaga komunikasi yang santun di grup kerja.",
    BerAkhlak.LOYAL: "Patuhi jam kerja dan presensi elektronik.",
    BerAkhlak.ADAPTIF: "Kuasai aplikasi e-Kinerja dan Srikandi.",
    BerAkhlak.KOLABORATIF: "Libatkan bidang lain sejak perencanaan kegiatan.",
}
CORRECTIONS = (
    (
        "hasil",
        "Koreksi atas keberatan pegawai: bukti dukung realisasi RHK yang belum terunggah saat "
        "penilaian telah diverifikasi oleh atasan pejabat penilai.",
    ),
    (
        "typo",
        "Koreksi salah input realisasi indikator; capaian yang benar sesuai laporan kegiatan.",
    ),
    (
        "perilaku",
        "Rating perilaku kerja disesuaikan setelah klarifikasi pejabat penilai dengan atasan "
        "pejabat penilai.",
    ),
)
WITHDRAWALS = (
    "Ditarik: pegawai menjalani cuti di luar tanggungan negara sepanjang periode ini, sehingga "
    "penilaian semestinya tidak dibuat.",
    "Ditarik atas permintaan Inspektorat Daerah: bukti dukung realisasi sedang diperiksa ulang; "
    "penilaian akan ditetapkan kembali setelah pemeriksaan selesai.",
    "Ditarik karena penilaian ditandatangani pejabat yang tidak berwenang (Plh.); pejabat "
    "penilai definitif akan menetapkan penilaian kembali.",
)
WITHHOLDING_REASONS = (
    "Uji konsekuensi PPID Kota Tanjungpinang (contoh data demo): laporan kinerja individual "
    "pegawai ini memuat keterangan tentang riwayat dan perawatan kesehatannya yang "
    "menjelaskan capaian kinerjanya. Informasi itu dikecualikan menurut Pasal 17 huruf h UU "
    "14/2008 (rahasia pribadi); membukanya lebih merugikan pegawai daripada manfaatnya bagi "
    "publik. Angka agregat unit tetap menghitung laporannya. Ditinjau kembali dalam satu tahun.",
    "Uji konsekuensi PPID Kota Tanjungpinang (contoh data demo): pegawai ini berstatus pelapor "
    "dalam perkara dugaan tindak pidana korupsi yang sedang disidik; laporan kinerja "
    "individualnya dapat mengungkap identitas dan tugasnya. Dikecualikan menurut Pasal 17 "
    "huruf a UU 14/2008 sampai perkara berkekuatan hukum tetap; agregat tetap dihitung.",
)
UNIT_RATING_BASIS = (
    "Keputusan Wali Kota Tanjungpinang Nomor {number}/2026 tentang Predikat Kinerja Organisasi "
    "Perangkat Daerah Tahun 2025 (hasil evaluasi SAKIP)"
)
